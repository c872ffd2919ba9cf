package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.AtriumPlugin;
import org.pf4j.Plugin;

/** PF4J's view of an {@link AtriumPlugin}: stopping it closes the plugin. */
final class HostedPlugin extends Plugin {
  private final AtriumPlugin plugin;

  HostedPlugin(AtriumPlugin plugin) {
    this.plugin = requireNonNull(plugin, "plugin is null");
  }

  AtriumPlugin plugin() {
    return plugin;
  }

  @Override
  public void stop() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(plugin.getClass().getClassLoader());
    try {
      plugin.close();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
