package dev.atrium.host;

import dev.atrium.plugin.runtime.bytecode.CodePolicy;
import dev.atrium.plugin.runtime.bytecode.ForbiddenApiException;
import dev.atrium.plugin.runtime.bytecode.PluginCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * What the install-time bytecode check found in an archive that may load: whether the operator
 * trusts the plugin (then nothing was checked), the libraries whose forbidden API uses were allowed
 * (and as what), and warnings such as a packed copy of the SDK. Shown to the operator.
 */
record CodeReview(boolean trusted, JsonArray allowedLibraries, List<String> warnings) {
  CodeReview {
    allowedLibraries = allowedLibraries.copy();
    warnings = List.copyOf(warnings);
  }

  /**
   * Checks the archive's code against {@code policy}, unless {@code trusted}; refuses it with
   * {@code forbidden_api} listing every use that is not allowed.
   */
  static CodeReview of(Path archive, CodePolicy policy, boolean trusted) {
    try {
      PluginCode code = PluginCode.ofArchive(archive);
      if (trusted) {
        return new CodeReview(true, new JsonArray(), code.warnings());
      }
      JsonArray allowed = new JsonArray();
      for (PluginCode.Library library : policy.enforce(code)) {
        allowed.add(
            new JsonObject()
                .put("name", library.name())
                .put("sha256", library.sha256())
                .put("allowedAs", policy.allowedAs(library))
                .put("forbiddenUses", library.uses().size()));
      }
      return new CodeReview(false, allowed, code.warnings());
    } catch (ForbiddenApiException e) {
      throw new PluginRefusedException(e.code(), e.getMessage());
    }
  }

  JsonObject json() {
    return new JsonObject()
        .put("trusted", trusted)
        .put("allowedLibraries", allowedLibraries.copy())
        .put("warnings", new JsonArray(warnings));
  }
}
