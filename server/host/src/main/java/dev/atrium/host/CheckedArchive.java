package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.SdkVersion;
import dev.atrium.plugin.runtime.bytecode.CodePolicy;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A plugin archive that passed every check made before any of its classes loads: the archive itself
 * (size, paths, descriptor), the SDK range it requires, its id, and its code (forbidden APIs,
 * libraries). The server runs these checks on install, upgrade and start, and {@code atrium plugin
 * validate} runs the same ones offline, so both refuse with the same code and message.
 */
public record CheckedArchive(PluginArchive archive, CodeReview review) {
  public CheckedArchive {
    requireNonNull(archive, "archive is null");
    requireNonNull(review, "review is null");
  }

  /**
   * Checks {@code file}; throws {@link PluginRefusedException} naming the first rule it breaks (all
   * forbidden API uses at once).
   */
  public static CheckedArchive check(
      Path file, long maxArchiveBytes, CodePolicy codePolicy, Set<String> trustedPlugins) {
    PluginArchive archive = PluginArchive.check(file, maxArchiveBytes);
    archive.manifest().checkCompatible(SdkVersion.CURRENT);
    String id = archive.manifest().id();
    if (PluginHost.RESERVED_IDS.contains(id)) {
      throw new PluginRefusedException(
          "reserved_id", "Plugin id '" + id + "' is reserved by the platform's own routes.");
    }
    return new CheckedArchive(
        archive, CodeReview.of(file, codePolicy, trustedPlugins.contains(id)));
  }

  /** What the review found: trusted, the allowed libraries and the warnings. */
  public JsonObject reviewJson() {
    return review.json();
  }

  /** The review's warnings, e.g. an archive that packs the SDK. */
  public List<String> warnings() {
    return review.warnings();
  }
}
