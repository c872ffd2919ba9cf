package dev.atrium.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteDocTest {
  private static final JsonObject STRING = new JsonObject().put("type", "string");

  @Test
  void theOneSixConstructorAndBuildersStillDescribeAJsonRoute() {
    RouteDoc doc = new RouteDoc("Save", STRING, Map.of(200, "OK"));

    assertThat(doc.bodyTypes()).containsExactly(RouteDoc.JSON);
    assertThat(doc.query()).isEmpty();
    assertThat(RouteDoc.of("Save").body(STRING).responds(201, "Created"))
        .isEqualTo(new RouteDoc("Save", STRING, Map.of(201, "Created")));
  }

  @Test
  void rawBodiesAndQueryParametersAreDeclared() {
    RouteDoc upload =
        RouteDoc.of("Upload")
            .query("fileName", false, STRING, "The file name")
            .rawBody("text/plain", "application/pdf")
            .responds(415, "Unsupported type");

    assertThat(upload.requestSchema())
        .isEqualTo(new JsonObject().put("type", "string").put("format", "binary"));
    assertThat(upload.bodyTypes()).containsExactly("text/plain", "application/pdf");
    assertThat(upload.query())
        .containsExactly(new RouteDoc.QueryParameter("fileName", false, STRING, "The file name"));
    assertThat(upload.responses()).containsEntry(200, "OK").containsEntry(415, "Unsupported type");
  }

  @Test
  void aBodyNeedsAMediaType() {
    assertThatThrownBy(() -> RouteDoc.of("Upload").rawBody())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("media type");
    assertThatThrownBy(() -> new RouteDoc("x", null, Map.of(), List.of(), List.of(null)))
        .isInstanceOf(NullPointerException.class);
  }
}
