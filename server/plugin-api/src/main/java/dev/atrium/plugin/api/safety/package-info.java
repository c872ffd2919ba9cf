/** Moderation (banned terms) and privacy (personal data detection and redaction) for plugins. */
package dev.atrium.plugin.api.safety;
