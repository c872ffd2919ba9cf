/**
 * Types every layer of the server shares and that depend on none of them: a {@link
 * dev.atrium.shared.Problem} (an RFC 9457 answer with a stable code), a {@link
 * dev.atrium.shared.Reply} and the {@link dev.atrium.shared.Principal} who calls, with its {@link
 * dev.atrium.shared.Role}. Authentication, billing, the plugin host and the HTTP kernel all throw
 * or answer these, so keeping them here leaves no cycle between their modules.
 */
package dev.atrium.shared;
