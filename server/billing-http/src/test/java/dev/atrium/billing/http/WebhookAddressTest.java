package dev.atrium.billing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.shared.Problem;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Where budget webhooks may point. Only IP literals and {@code localhost} (from the hosts file) are
 * resolved, so the test asks no DNS server anything.
 */
final class WebhookAddressTest {
  private final WebhookAddress strict = new WebhookAddress(false);
  private final WebhookAddress lenient = new WebhookAddress(true);

  @Test
  void publicHttpsAddressesAreAccepted() {
    for (String url :
        new String[] {"https://93.184.215.14/hooks", "https://[2606:2800:21f:cb07::1]:8443/x"}) {
      URI uri = strict.parse(url);
      assertThat(strict.resolve(uri)).as(url).isNotNull();
    }
  }

  @Test
  void theFormIsRefusedWithItsReason() {
    assertRefused("http://93.184.215.14/", "https://");
    assertRefused("ftp://93.184.215.14/", "https://");
    assertRefused("not a url at all", "not a URL");
    assertRefused("https:///path", "no host");
    assertRefused("https://user:secret@93.184.215.14/", "user name or password");
  }

  @Test
  void internalAddressesAreRefusedAfterResolution() {
    assertResolvedRefused("https://127.0.0.1/", "loopback");
    assertResolvedRefused("https://localhost:8443/", "loopback");
    assertResolvedRefused("https://[::1]/", "loopback");
    assertResolvedRefused("https://[::ffff:127.0.0.1]/", "loopback");
    assertResolvedRefused("https://10.1.2.3/", "private");
    assertResolvedRefused("https://172.16.0.1/", "private");
    assertResolvedRefused("https://192.168.1.1/", "private");
    assertResolvedRefused("https://100.64.0.1/", "private");
    assertResolvedRefused("https://[fd12:3456::1]/", "private");
    assertResolvedRefused("https://169.254.10.10/", "link-local");
    assertResolvedRefused("https://[fe80::1]/", "link-local");
    assertResolvedRefused("https://0.0.0.0/", "unspecified");
    assertResolvedRefused("https://224.0.0.1/", "multicast");
    assertResolvedRefused("https://169.254.169.254/latest/meta-data/", "metadata");
    assertResolvedRefused("https://[fd00:ec2::254]/", "metadata");
    assertResolvedRefused("https://100.100.100.200/", "metadata");
  }

  @Test
  void theOperatorMayAllowPrivateNetworksButNeverMetadata() throws Exception {
    assertThat(lenient.resolve(lenient.parse("http://127.0.0.1:8080/hook")))
        .isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(lenient.refusal(InetAddress.getByName("10.0.0.1"))).isNull();
    assertThatThrownBy(() -> lenient.resolve(lenient.parse("http://169.254.169.254/")))
        .hasMessageContaining("metadata");
  }

  private void assertRefused(String url, String reason) {
    assertThatThrownBy(() -> strict.parse(url))
        .as(url)
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(400);
              assertThat(p.code()).isEqualTo("invalid_webhook_url");
            })
        .hasMessageContaining(reason);
  }

  private void assertResolvedRefused(String url, String reason) {
    URI uri = strict.parse(url);
    assertThatThrownBy(() -> strict.resolve(uri))
        .as(url)
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo(WebhookAddress.CODE))
        .hasMessageContaining(reason);
  }
}
