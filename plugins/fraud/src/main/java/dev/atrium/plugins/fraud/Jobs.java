package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.JobStatus;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Background jobs as the API shows them. */
final class Jobs {
  private Jobs() {}

  static JsonObject json(JobStatus job) {
    return new JsonObject()
        .put("id", job.id())
        .put("name", job.name())
        .put("state", job.state().name().toLowerCase(Locale.ROOT))
        .put("progress", job.progress())
        .put("message", job.message())
        .put("error", job.error().orElse(null));
  }
}
