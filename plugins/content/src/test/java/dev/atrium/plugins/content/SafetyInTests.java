package dev.atrium.plugins.content;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.DashboardPanel;
import dev.atrium.plugin.api.JobScheduler;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.ModelRequirement;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.SdkVersion;
import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.UsageMeter;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelRegistry;
import dev.atrium.plugin.api.safety.TextSafety;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * TEST ONLY: the content plugin on the testkit's context, with the testkit's text safety when it
 * has one and {@link StandInTextSafety} until then. Once the testkit offers {@code textSafety()},
 * this class passes it through unchanged (and can be replaced by {@link ContentPlugin} itself).
 */
public final class SafetyInTests implements AtriumPlugin {
  private final ContentPlugin plugin;

  public SafetyInTests(PluginContext context) {
    this.plugin = new ContentPlugin(withSafety(context));
  }

  static boolean standIn(PluginContext context) {
    try {
      context.textSafety();
      return false;
    } catch (UnsupportedOperationException e) {
      return true;
    }
  }

  private static PluginContext withSafety(PluginContext context) {
    if (!standIn(context)) {
      return context;
    }
    TextSafety standIn = new StandInTextSafety();
    return new PluginContext() {
      @Override
      public String pluginId() {
        return context.pluginId();
      }

      @Override
      public String pluginVersion() {
        return context.pluginVersion();
      }

      @Override
      public SdkVersion sdkVersion() {
        return context.sdkVersion();
      }

      @Override
      public InferenceClient inference() {
        return context.inference();
      }

      @Override
      public ModelCatalog models() {
        return context.models();
      }

      @Override
      public ModelRegistry modelRegistry() {
        return context.modelRegistry();
      }

      @Override
      public TextSafety textSafety() {
        return standIn;
      }

      @Override
      public TenantServices tenant(String tenantId) {
        return context.tenant(tenantId);
      }

      @Override
      public UsageMeter usage() {
        return context.usage();
      }

      @Override
      public JobScheduler scheduler() {
        return context.scheduler();
      }

      @Override
      public Logger logger() {
        return context.logger();
      }
    };
  }

  @Override
  public void routes(PluginRoutes routes) {
    plugin.routes(routes);
  }

  @Override
  public JsonObject settingsSchema() {
    return plugin.settingsSchema();
  }

  @Override
  public List<MeterDefinition> meters() {
    return plugin.meters();
  }

  @Override
  public List<ModelRequirement> models() {
    return plugin.models();
  }

  @Override
  public Optional<DashboardPanel> dashboardPanel() {
    return plugin.dashboardPanel();
  }
}
