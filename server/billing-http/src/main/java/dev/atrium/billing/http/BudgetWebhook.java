package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.billing.Budget;
import dev.atrium.persistence.billing.BudgetAlert;
import dev.atrium.persistence.billing.BudgetRepository;
import dev.atrium.persistence.billing.WebhookDelivery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a tenant's webhook of a budget alert: {@code POST} of the alert as JSON, signed in {@value
 * #SIGNATURE} as {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>}. A
 * delivery is a 2xx answer within {@code budgets.webhook-timeout-ms}; otherwise it is tried again
 * after 1 s, 2 s, 4 s ... up to {@code budgets.webhook-attempts} attempts, each one written to the
 * delivery log. Redirects are not followed. Before every attempt the address is resolved and
 * checked again ({@link WebhookAddress}) and the request goes to the address checked; a refused
 * address is recorded as a failed delivery and not tried again.
 */
final class BudgetWebhook {
  static final String SIGNATURE = "Atrium-Signature";
  private static final Logger LOG = LoggerFactory.getLogger(BudgetWebhook.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Db db;
  private final WebhookAddress addresses;
  private final HttpClient client;
  private final int attempts;
  private final int timeoutMillis;
  private final Clock clock;

  BudgetWebhook(
      Vertx vertx, Db db, WebhookAddress addresses, int attempts, int timeoutMillis, Clock clock) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.db = requireNonNull(db, "db is null");
    this.addresses = requireNonNull(addresses, "addresses is null");
    this.attempts = attempts;
    this.timeoutMillis = timeoutMillis;
    this.clock = requireNonNull(clock, "clock is null");
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeoutMillis));
  }

  WebhookAddress addresses() {
    return addresses;
  }

  /** A new signing secret: 32 random bytes, shown to the tenant once. */
  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The signature header's value for {@code body} sent at {@code unixSeconds}. */
  static String signature(String secret, long unixSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The JSON a webhook receives for {@code alert}. */
  static JsonObject payload(BudgetAlert alert) {
    return new JsonObject()
        .put("type", "budget.threshold_reached")
        .put("alertId", alert.id().toString())
        .put("tenantId", alert.tenantId().toString())
        .put("period", alert.period())
        .put("percent", alert.percent())
        .put("budget", alert.budget().toPlainString())
        .put("spent", alert.spent().toPlainString())
        .put("currency", alert.currency())
        .put("raisedAt", Timestamps.rfc3339(alert.raisedAt()));
  }

  /** Delivers {@code alert} to the budget's webhook, retrying in the background. */
  void deliver(Budget budget, BudgetAlert alert) {
    attempt(budget.webhookUrl(), budget.webhookSecret(), alert, 1);
  }

  private void attempt(String url, String secret, BudgetAlert alert, int attempt) {
    vertx
        .executeBlocking(
            () -> {
              URI uri = addresses.parse(url);
              return new Target(uri, addresses.resolve(uri));
            })
        .onSuccess(target -> post(target, url, secret, alert, attempt))
        .onFailure(
            refused -> {
              LOG.warn(
                  "Budget alert {} of tenant {} not sent: {}",
                  alert.id(),
                  alert.tenantId(),
                  refused.getMessage());
              record(alert, attempt, url, null, refused.getMessage(), false);
            });
  }

  /** A webhook's URL and the address it was checked to resolve to. */
  private record Target(URI uri, InetAddress address) {
    int port() {
      return uri.getPort() > 0
          ? uri.getPort()
          : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
  }

  private void post(Target target, String url, String secret, BudgetAlert alert, int attempt) {
    String body = payload(alert).encode();
    long now = clock.instant().getEpochSecond();
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setServer(
                    SocketAddress.inetSocketAddress(
                        target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Atrium-Webhooks")
                .putHeader(SIGNATURE, signature(secret, now, body))
                .putHeader("Atrium-Event-Id", alert.id().toString()))
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> response.body().map(ignored -> response.statusCode()))
        .transform(
            answered -> {
              Integer status = answered.succeeded() ? answered.result() : null;
              boolean delivered = status != null && status >= 200 && status < 300;
              String error =
                  delivered
                      ? null
                      : status == null
                          ? String.valueOf(answered.cause().getMessage())
                          : "HTTP " + status;
              return record(alert, attempt, url, status, error, delivered)
                  .map(v -> delivered)
                  .otherwise(delivered);
            })
        .onSuccess(
            delivered -> {
              if (!delivered && attempt < attempts) {
                vertx.setTimer(
                    1000L << (attempt - 1), t -> attempt(url, secret, alert, attempt + 1));
              } else if (!delivered) {
                LOG.warn(
                    "Budget alert {} of tenant {} not delivered to its webhook after {} attempts",
                    alert.id(),
                    alert.tenantId(),
                    attempt);
              }
            });
  }

  private Future<Void> record(
      BudgetAlert alert, int attempt, String url, Integer status, String error, boolean ok) {
    WebhookDelivery delivery =
        new WebhookDelivery(
            UUID.randomUUID(),
            alert.tenantId(),
            alert.id(),
            attempt,
            url,
            status,
            error == null ? null : error.substring(0, Math.min(error.length(), 500)),
            ok,
            OffsetDateTime.now(clock));
    return db.transaction(
        dsl -> {
          new BudgetRepository(dsl).recordDelivery(delivery);
          return null;
        });
  }
}
