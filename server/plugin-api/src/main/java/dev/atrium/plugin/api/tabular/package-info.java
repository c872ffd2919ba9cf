/** Training and serving tabular models (gradient-boosted trees) through the host. */
package dev.atrium.plugin.api.tabular;
