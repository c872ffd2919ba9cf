package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugin class loader: it shows a plugin the JDK, and from the host only the
 * SDK, Vert.x core and web, and SLF4J. Anything else of the host ({@code dev.atrium.host}, {@code
 * dev.atrium.app}, jOOQ, the database driver, PF4J) is a {@link ClassNotFoundException}, so a
 * plugin cannot reach around the {@code PluginContext}, and the libraries it bundles never clash
 * with the host's.
 */
final class SdkOnlyClassLoader extends ClassLoader {
  /** Package prefixes (with their sub-packages) a plugin gets from the host. */
  static final List<String> SHARED_PACKAGES =
      List.of("dev.atrium.plugin.api.", "io.vertx.core.", "io.vertx.ext.web.", "org.slf4j.");

  private final ClassLoader host;

  SdkOnlyClassLoader(ClassLoader host) {
    super("atrium-plugin-sdk", ClassLoader.getPlatformClassLoader());
    this.host = requireNonNull(host, "host is null");
  }

  static boolean isShared(String className) {
    return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isShared(name)) {
      return host.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  @Override
  public URL getResource(String name) {
    return isShared(name.replace('/', '.')) ? host.getResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return isShared(name.replace('/', '.')) ? host.getResources(name) : super.getResources(name);
  }
}
