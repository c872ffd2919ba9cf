package dev.atrium.billing.http;

import dev.atrium.shared.Principal;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests the same request for an idempotency key: the API key that sent it, the
 * method, the path with its query, and the body, byte for byte (SHA-256, hex).
 */
final class RequestFingerprint {
  private RequestFingerprint() {}

  static String of(RoutingContext ctx, Principal principal) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    String head =
        principal.keyId()
            + "\n"
            + ctx.request().method().name()
            + "\n"
            + ctx.request().uri()
            + "\n";
    sha256.update(head.getBytes(StandardCharsets.UTF_8));
    if (ctx.body() != null && ctx.body().buffer() != null) {
      sha256.update(ctx.body().buffer().getBytes());
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
