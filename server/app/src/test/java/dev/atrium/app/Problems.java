package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Assertions on RFC 9457 problem responses. */
public final class Problems {
  private Problems() {}

  /** Asserts {@code response} is a problem+json with this status and code, and returns its body. */
  public static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("code")).isEqualTo(code);
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("type")).endsWith("/" + code);
    assertThat(body.getString("detail"))
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    return body;
  }
}
