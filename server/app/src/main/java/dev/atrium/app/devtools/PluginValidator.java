package dev.atrium.app.devtools;

import dev.atrium.host.CheckedArchive;
import dev.atrium.host.PluginManifest;
import dev.atrium.host.PluginRefusedException;
import dev.atrium.plugin.runtime.bytecode.CodePolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code atrium plugin validate}: runs the server's install-time checks on an archive, offline,
 * with the server's own classes ({@link CheckedArchive}), so it refuses exactly what an install
 * would refuse, with the same status, code and message.
 */
public final class PluginValidator {
  /** The server's default {@code plugins.max-archive-bytes}. */
  public static final long DEFAULT_MAX_ARCHIVE_BYTES = 64L * 1024 * 1024;

  private final long maxArchiveBytes;
  private final CodePolicy codePolicy;

  /** Checks as a server with {@code plugins.allowed-libraries} set to {@code allowedLibraries}. */
  public PluginValidator(long maxArchiveBytes, Set<String> allowedLibraries) {
    this.maxArchiveBytes = maxArchiveBytes;
    this.codePolicy = CodePolicy.withWellKnownLibraries(allowedLibraries);
  }

  /** The manifest of an archive the server would install; throws the server's refusal otherwise. */
  public CheckedArchive check(Path archive) {
    return CheckedArchive.check(archive, maxArchiveBytes, codePolicy, Set.of());
  }

  /** Checks {@code archive} and reports to {@code out}; answers whether it passed. */
  public boolean report(Path archive, PrintStream out) {
    try {
      CheckedArchive checked = check(archive);
      PluginManifest manifest = checked.archive().manifest();
      out.printf(
          "OK %s %s (requires %s): the server would install it.%n",
          manifest.id(), manifest.version(), manifest.requires());
      checked.warnings().forEach(w -> out.println("warning: " + w));
      checked
          .reviewJson()
          .getJsonArray("allowedLibraries")
          .forEach(library -> out.println("allowed library: " + library));
      return true;
    } catch (PluginRefusedException e) {
      out.printf("refused: %d %s: %s%n", e.status(), e.code(), e.getMessage());
      return false;
    }
  }
}
