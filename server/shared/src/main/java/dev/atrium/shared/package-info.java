/**
 * Types every layer of the server shares and that depend on none of them: a {@link
 * dev.atrium.shared.Problem} (an RFC 9457 answer with a stable code) and a {@link
 * dev.atrium.shared.Reply}. Authentication, billing, the plugin host and the HTTP kernel all
 * throw or answer these, so keeping them here leaves no package cycle between those packages.
 */
package dev.atrium.shared;
