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

  @Test
  void responsesCarryBodiesPerStatusAndMediaType() {
    JsonObject note = JsonSchema.object("id", JsonSchema.string());
    RouteDoc doc =
        RouteDoc.of("Notes")
            .responds(200, "The notes", JsonSchema.dataOf(note))
            .responds(200, "The notes", "text/csv", STRING)
            .responds(404, "No such note");

    assertThat(doc.responses()).containsOnlyKeys(200, 404);
    assertThat(doc.responseBodies())
        .containsExactly(
            new RouteDoc.ResponseBody(200, RouteDoc.JSON, JsonSchema.dataOf(note)),
            new RouteDoc.ResponseBody(200, "text/csv", STRING));
    // Another success status replaces the 200 and its bodies; the 1.7.0 constructor has none.
    assertThat(doc.responds(202, "Accepted", note).responseBodies())
        .containsExactly(new RouteDoc.ResponseBody(202, RouteDoc.JSON, note));
    assertThat(new RouteDoc("x", null, Map.of(200, "OK"), List.of(), List.of()).responseBodies())
        .isEmpty();
    assertThatThrownBy(
            () ->
                new RouteDoc(
                    "x",
                    null,
                    Map.of(200, "OK"),
                    List.of(),
                    List.of(),
                    List.of(new RouteDoc.ResponseBody(201, RouteDoc.JSON, note))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("201");
  }

  @Test
  void jsonSchemasNameEveryMemberAndTheNullableOnes() {
    JsonObject key =
        JsonSchema.optional(
            JsonSchema.object(
                "id", JsonSchema.uuid(),
                "expiresAt", JsonSchema.nullable(JsonSchema.dateTime()),
                "status", JsonSchema.nullable(JsonSchema.oneOf("active", "revoked"))),
            "expiresAt");

    assertThat(key.getJsonArray("required").getList()).containsExactly("id", "status");
    assertThat(key.getJsonObject("properties").getJsonObject("expiresAt").encode())
        .isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}");
    assertThat(
            key.getJsonObject("properties").getJsonObject("status").getJsonArray("enum").getList())
        .containsExactly("active", "revoked", null);
  }
}
