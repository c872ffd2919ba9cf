package dev.atrium.host;

import dev.atrium.plugin.api.SdkVersion;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;

/**
 * PF4J for one loaded plugin version. Each version gets its own manager, so an upgrade can load the
 * new version beside the old one (PF4J allows one plugin per id and manager) and unload the old one
 * once its requests have finished. Its class loader's parent is a {@link SdkOnlyClassLoader}, asked
 * first (application, plugin, dependencies), so a plugin can neither see the host's internals nor
 * shadow the SDK with a copy of its own.
 */
final class HostPluginManager extends DefaultPluginManager {
  private PluginFactory factory;

  HostPluginManager(Path root, PluginFactory factory) {
    super(List.of(root));
    this.factory = factory;
  }

  @Override
  public String getSystemVersion() {
    return SdkVersion.CURRENT.toString();
  }

  @Override
  protected PluginFactory createPluginFactory() {
    // Called from the super constructor, before the field is set: resolve it when used.
    return wrapper -> factory.create(wrapper);
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new DefaultPluginLoader(this) {
      @Override
      protected PluginClassLoader createPluginClassLoader(
          Path pluginPath, PluginDescriptor descriptor) {
        return new PluginClassLoader(
            pluginManager,
            descriptor,
            new SdkOnlyClassLoader(HostPluginManager.class.getClassLoader()),
            ClassLoadingStrategy.APD);
      }
    };
  }

  /** Drops the factory (and the context it holds) once the plugin is unloaded. */
  void forgetFactory() {
    factory = null;
  }
}
