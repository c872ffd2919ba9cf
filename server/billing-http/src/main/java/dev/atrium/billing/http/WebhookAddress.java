package dev.atrium.billing.http;

import dev.atrium.shared.Problem;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where a budget webhook may point, checked when the budget is saved and again before every
 * delivery (the name may resolve elsewhere by then): an absolute {@code https} URL without user
 * information whose host resolves only to public addresses. Loopback, private (RFC 1918, unique
 * local fc00::/7, carrier-grade NAT 100.64/10), link-local, unspecified and multicast addresses are
 * refused, so a tenant cannot make Atrium call into its own network (SSRF), unless the operator
 * sets {@code budgets.webhook-allow-private-networks} (development and tests), which also allows
 * {@code http}. Cloud metadata addresses are refused always. A refusal is a 400 {@value #CODE}
 * problem naming the reason.
 */
final class WebhookAddress {
  static final String CODE = "invalid_webhook_url";

  /** AWS, GCP, Azure, OpenStack (169.254.169.254), AWS over IPv6 and Alibaba Cloud. */
  private static final List<String> METADATA =
      List.of("169.254.169.254", "fd00:ec2:0:0:0:0:0:254", "100.100.100.200");

  private final boolean allowPrivateNetworks;

  WebhookAddress(boolean allowPrivateNetworks) {
    this.allowPrivateNetworks = allowPrivateNetworks;
  }

  /** The URL, if its form is acceptable; resolving it is {@link #resolve}'s work. */
  URI parse(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw refused("it is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean allowed = scheme.equals("https") || (allowPrivateNetworks && scheme.equals("http"));
    if (!allowed) {
      throw refused("it must be an https:// URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw refused("it has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw refused("it must not carry a user name or password");
    }
    return uri;
  }

  /**
   * Resolves the URL's host (blocking: DNS) and checks every address it resolves to; returns the
   * one to connect to, so the address checked is the address called.
   */
  InetAddress resolve(URI uri) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw refused("its host '" + uri.getHost() + "' cannot be resolved");
    }
    for (InetAddress address : addresses) {
      String reason = refusal(address);
      if (reason != null) {
        throw refused(
            "its host '"
                + uri.getHost()
                + "' resolves to "
                + reason
                + " ("
                + address.getHostAddress()
                + ")");
      }
    }
    return addresses[0];
  }

  /** Why {@code address} may not be called, or null when it may. */
  String refusal(InetAddress address) {
    if (METADATA.contains(address.getHostAddress())) {
      return "a cloud metadata address";
    }
    if (allowPrivateNetworks) {
      return null;
    }
    if (address.isAnyLocalAddress()) {
      return "an unspecified address";
    }
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    if (address.isSiteLocalAddress() || privateRange(address)) {
      return "a private address";
    }
    return null;
  }

  /** What {@link InetAddress#isSiteLocalAddress} misses: fc00::/7 and 100.64.0.0/10. */
  private static boolean privateRange(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc;
    }
    return address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }

  static Problem refused(String reason) {
    return Problem.badRequest(CODE, "Field 'webhookUrl' is refused: " + reason + ".");
  }
}
