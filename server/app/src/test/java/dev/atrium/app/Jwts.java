package dev.atrium.app;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made JWTs for tampering tests: any header, any claims, any key. */
final class Jwts {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jwts() {}

  static String hs256(JsonObject claims, String secret) {
    String signingInput =
        encode(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "." + encode(claims);
    return signingInput + "." + B64.encodeToString(hmac(signingInput, secret));
  }

  static String unsigned(JsonObject claims) {
    return encode(new JsonObject().put("alg", "none").put("typ", "JWT"))
        + "."
        + encode(claims)
        + ".";
  }

  /** Claims a valid dashboard token carries, for {@code userId} and {@code tenantId}. */
  static JsonObject claims(String userId, String tenantId, long expiresAtEpochSecond) {
    return new JsonObject()
        .put("sub", userId)
        .put("tid", tenantId)
        .put("iss", "atrium")
        .put("aud", "atrium-dashboard")
        .put("iat", System.currentTimeMillis() / 1000)
        .put("exp", expiresAtEpochSecond);
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(String input, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
