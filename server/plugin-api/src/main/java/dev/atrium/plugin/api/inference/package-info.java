/**
 * The plugin-facing contract of the shared inference pool: {@link
 * dev.atrium.plugin.api.inference.InferenceClient} to run models, {@link
 * dev.atrium.plugin.api.inference.ModelCatalog} to list them, request and result records, and the
 * typed reasons a request can fail.
 */
package dev.atrium.plugin.api.inference;
