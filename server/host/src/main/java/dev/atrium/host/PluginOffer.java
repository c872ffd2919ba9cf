package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * Which installed plugins tenants see: all of them except internal ones ({@code
 * plugin.internal=true}, such as the developer template {@code example-echo}), unless the operator
 * lists them in {@code plugins.offered-internal} ({@code *} offers every internal plugin).
 */
public record PluginOffer(Set<String> offeredInternal) {
  public PluginOffer {
    offeredInternal = Set.copyOf(requireNonNull(offeredInternal, "offeredInternal is null"));
  }

  /** True when tenants may see, enable and call {@code plugin}. */
  public boolean offers(PluginManifest plugin) {
    return !plugin.internal()
        || offeredInternal.contains("*")
        || offeredInternal.contains(plugin.id());
  }

  /** The ids of the plugins {@code host} has installed that tenants may see. */
  public List<String> offeredIds(PluginHost host) {
    return host.plugins().stream()
        .map(LoadedPlugin::manifest)
        .filter(this::offers)
        .map(PluginManifest::id)
        .toList();
  }
}
