package dev.atrium.host;

import dev.atrium.plugin.api.DashboardPanel;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.ModelRequirement;
import dev.atrium.plugin.api.inference.ModelCatalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/** How a plugin appears in the operator's and the tenants' APIs. */
final class PluginJson {
  private PluginJson() {}

  /** What every caller may see of a plugin. */
  static JsonObject describe(LoadedPlugin plugin, ModelCatalog catalog) {
    PluginManifest m = plugin.manifest();
    JsonArray routes = new JsonArray();
    plugin
        .routes()
        .routes()
        .forEach(
            r ->
                routes.add(
                    new JsonObject()
                        .put("method", r.method().name())
                        .put("path", PluginHost.prefix(m.id()) + r.path())
                        .put("summary", r.doc().summary())));
    JsonArray meters = new JsonArray();
    for (MeterDefinition meter : plugin.meters()) {
      meters.add(
          new JsonObject()
              .put("name", meter.name())
              .put("unit", meter.unit())
              .put("description", meter.description())
              .put(
                  "translations",
                  new JsonObject(
                      Map.<String, Object>copyOf(
                          m.meterNames().getOrDefault(meter.name(), Map.of())))));
    }
    JsonArray models = new JsonArray();
    for (ModelRequirement model : plugin.models()) {
      boolean served =
          model.modelId().isPresent()
              ? catalog.model(model.modelId().get()).isPresent()
              : catalog.models().stream().anyMatch(i -> i.task() == model.task());
      models.add(
          new JsonObject()
              .put("task", model.task().name().toLowerCase(Locale.ROOT))
              .put("modelId", model.modelId().orElse(null))
              .put("purpose", model.purpose())
              .put("served", served));
    }
    JsonObject translations = new JsonObject();
    m.translations()
        .forEach(
            (language, display) ->
                translations.put(
                    language,
                    new JsonObject()
                        .put("name", display.name().isEmpty() ? null : display.name())
                        .put(
                            "description",
                            display.description().isEmpty() ? null : display.description())));
    return new JsonObject()
        .put("id", m.id())
        .put("name", m.displayName())
        .put("version", m.version())
        .put("description", m.description())
        .put("translations", translations)
        .put("internal", m.internal())
        .put("provider", m.provider())
        .put("license", m.license())
        .put("requires", m.requires())
        .put("scope", PluginHost.scope(m.id()))
        .put("routes", routes)
        .put("settingsSchema", plugin.settingsSchema().json())
        .put("meters", meters)
        .put("models", models)
        .put("dashboardPanel", plugin.dashboardPanel().map(PluginJson::panel).orElse(null));
  }

  private static JsonObject panel(DashboardPanel panel) {
    return new JsonObject()
        .put("title", panel.title())
        .put("description", panel.description())
        .put("dataPath", panel.dataPath())
        .put("kind", panel.kind().name().toLowerCase(Locale.ROOT));
  }
}
