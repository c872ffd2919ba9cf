package dev.atrium.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class StrictJsonTest {

  @Test
  void readsPlainJsonAsVertxValues() {
    JsonObject body =
        StrictJson.object(
            bytes(
                "{\"name\": \"Zoë 我\\u00e9\", \"n\": 3, \"big\": 12345678901, \"x\": 1.5,"
                    + " \"ok\": true, \"none\": null, \"list\": [1, \"a\\tb\\nc\\r\", {}]}"));
    assertThat(body.getString("name")).isEqualTo("Zoë 我é");
    assertThat(body.getValue("n")).isEqualTo(3);
    assertThat(body.getValue("big")).isEqualTo(12345678901L);
    assertThat(body.getValue("x")).isEqualTo(1.5);
    assertThat(body.getBoolean("ok")).isTrue();
    assertThat(body.containsKey("none")).isTrue();
    assertThat(body.getJsonArray("list"))
        .isEqualTo(new JsonArray().add(1).add("a\tb\nc\r").add(new JsonObject()));
    assertThat(StrictJson.value(bytes("[\"\\ud83d\\ude00\"]")))
        .isEqualTo(new JsonArray().add("\ud83d\ude00"));
  }

  @Test
  void refusesWhatIsNotStrictJson() {
    for (String text :
        new String[] {
          "{\"a\": 1 /* comment */}",
          "// comment\n{}",
          "# comment\n{}",
          "{'a': 1}",
          "{a: 1}",
          "{\"a\": 1,}",
          "[1, 2,]",
          "{\"a\": NaN}",
          "{\"a\": 1e400}",
          "{\"a\": 01}",
          "{} {}",
          "{}x",
          "{\"a\": 1",
          "[",
          "",
          "   ",
          "\ufeff{}",
          "{\"a\": \"tab\there\"}",
          "[" + "[".repeat(2000) + "]".repeat(2001),
        }) {
      assertRefused(bytes(text), InvalidJsonException.MALFORMED_JSON);
    }
  }

  @Test
  void refusesDuplicateMembersAtAnyDepth() {
    assertRefused(bytes("{\"a\": 1, \"a\": 2}"), InvalidJsonException.DUPLICATE_KEY);
    assertRefused(bytes("{\"a\": 1, \"\\u0061\": 2}"), InvalidJsonException.DUPLICATE_KEY);
    assertRefused(bytes("{\"x\": [{\"b\": 1, \"b\": 1}]}"), InvalidJsonException.DUPLICATE_KEY);
    assertThat(StrictJson.object(bytes("{\"a\": {\"a\": 1}, \"b\": {\"a\": 2}}")).size())
        .isEqualTo(2);
  }

  @Test
  void refusesInvalidUtf8InsteadOfReplacingIt() {
    byte[][] invalid = {
      {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'}, // bad continuation byte
      {'"', (byte) 0xFF, '"'}, // never valid in UTF-8
      {'"', (byte) 0xC0, (byte) 0xAF, '"'}, // overlong '/'
      {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // an encoded surrogate (CESU-8)
      {'"', (byte) 0xE6, (byte) 0x88, '"'}, // truncated sequence
    };
    for (byte[] body : invalid) {
      assertRefused(body, InvalidJsonException.INVALID_UTF8);
    }
  }

  @Test
  void refusesControlCharactersAndUnpairedSurrogatesInStringsAndNames() {
    for (String text :
        new String[] {
          "{\"name\": \"\\u0000\"}",
          "{\"name\": \"\\u0000\\u0000\"}",
          "{\"name\": \"a\\u001fb\"}",
          "{\"name\": \"a\\bb\"}",
          "{\"name\": \"a\\fb\"}",
          "{\"\\u0000\": 1}",
          "[\"\\ud800\"]",
          "[\"\\udc00x\"]",
          "[\"\\ud800\\u0041\"]",
        }) {
      assertRefused(bytes(text), InvalidJsonException.INVALID_CHARACTERS);
    }
  }

  @Test
  void onlyObjectsAreBodies() {
    assertRefused(bytes("[]"), InvalidJsonException.MALFORMED_JSON);
    assertRefused(bytes("\"text\""), InvalidJsonException.MALFORMED_JSON);
    assertRefused(bytes("null"), InvalidJsonException.MALFORMED_JSON);
  }

  @Test
  void refusalsAreDecodeExceptionsAsBeforeSdk14() {
    assertThatThrownBy(() -> StrictJson.object(bytes("{,}")))
        .isInstanceOf(DecodeException.class)
        .hasMessage("The request body is not valid JSON.");
  }

  private static void assertRefused(byte[] body, String code) {
    assertThatThrownBy(() -> StrictJson.object(body))
        .as(new String(body, StandardCharsets.UTF_8))
        .isInstanceOfSatisfying(
            InvalidJsonException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
