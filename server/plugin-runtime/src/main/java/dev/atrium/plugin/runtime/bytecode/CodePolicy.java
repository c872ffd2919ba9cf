package dev.atrium.plugin.runtime.bytecode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether plugin code may load. A plugin's own classes may use none of the {@link
 * ForbiddenApis}. A library jar under {@code lib/} that uses any is accepted only when its SHA-256
 * is allowed: listed in {@code well-known-libraries.properties} (exact releases of common
 * libraries: Guava, protobuf and ANTLR use {@code Unsafe}, threads, reflection, even {@code
 * System.getenv}) or added by the operator. A library that uses none needs no allowing. Everything
 * refused is listed at once.
 */
public final class CodePolicy {
  private static final String WELL_KNOWN = "well-known-libraries.properties";
  private static final int MAX_LISTED = 40;
  private static final int MAX_PER_LIBRARY = 5;

  private final Map<String, String> allowed;

  private CodePolicy(Map<String, String> allowed) {
    this.allowed = Map.copyOf(allowed);
  }

  /** The well-known libraries plus the operator's SHA-256 hashes ({@code extraHashes}). */
  public static CodePolicy withWellKnownLibraries(Set<String> extraHashes) {
    Map<String, String> allowed = new TreeMap<>(wellKnownLibraries());
    for (String hash : extraHashes) {
      allowed.putIfAbsent(
          hash.trim().toLowerCase(java.util.Locale.ROOT), "allowed by the operator");
    }
    return new CodePolicy(allowed);
  }

  /** The exact library releases allowed by default, SHA-256 to Maven coordinates. */
  public static Map<String, String> wellKnownLibraries() {
    Properties properties = new Properties();
    try (InputStream in = CodePolicy.class.getResourceAsStream(WELL_KNOWN)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> known = new TreeMap<>();
    properties.forEach((k, v) -> known.put((String) k, ((String) v).trim()));
    return known;
  }

  /** What an allowed library is known as: its coordinates, or who allowed it. */
  public String allowedAs(PluginCode.Library library) {
    return allowed.getOrDefault(library.sha256(), "not allowed");
  }

  /**
   * Refuses {@code code} with {@link ForbiddenApiException} ({@code forbidden_api}) listing every
   * use that is not allowed; returns the libraries whose forbidden uses were allowed, for the
   * operator to see.
   */
  public List<PluginCode.Library> enforce(PluginCode code) {
    List<String> refused = new ArrayList<>();
    code.ownUses().forEach(use -> refused.add(use.describe()));
    List<PluginCode.Library> accepted = new ArrayList<>();
    for (PluginCode.Library library : code.libraries()) {
      if (library.uses().isEmpty()) {
        continue;
      }
      if (allowed.containsKey(library.sha256())) {
        accepted.add(library);
        continue;
      }
      List<String> apis =
          library.uses().stream().map(ApiUse::describe).distinct().limit(MAX_PER_LIBRARY).toList();
      refused.add(
          library.name()
              + " (sha256 "
              + library.sha256()
              + ", not an allowed library) makes "
              + library.uses().size()
              + " forbidden uses: "
              + String.join(", ", apis)
              + (library.uses().size() > apis.size() ? ", ..." : "")
              + "; an operator who trusts this jar adds its sha256 to plugins.allowed-libraries");
    }
    if (!refused.isEmpty()) {
      List<String> listed = refused.subList(0, Math.min(refused.size(), MAX_LISTED));
      String more =
          refused.size() > listed.size()
              ? "; and " + (refused.size() - listed.size()) + " more"
              : "";
      throw new ForbiddenApiException(
          "forbidden_api",
          "The plugin's code uses APIs plugins may not use: "
              + String.join("; ", listed)
              + more
              + ". See docs/plugin-development.md, 'Trust model'.");
    }
    return List.copyOf(accepted);
  }
}
