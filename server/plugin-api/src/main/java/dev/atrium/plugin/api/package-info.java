/**
 * The Atrium plugin SDK: the only thing a plugin compiles against (in {@code provided} scope).
 *
 * <p>A plugin implements {@link dev.atrium.plugin.api.AtriumPlugin} with a constructor taking a
 * {@link dev.atrium.plugin.api.PluginContext}, declares routes, settings schema, meters, model
 * needs and a dashboard panel, and reaches tenant-scoped storage, vector indexes, settings, the
 * inference pool, a usage meter and a job scheduler through the context. Its version is {@link
 * dev.atrium.plugin.api.SdkVersion#CURRENT}; see {@code docs/plugin-development.md}.
 */
package dev.atrium.plugin.api;
