package dev.atrium.plugin.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON reader for request bodies, on the server's own routes and on plugin routes alike:
 * RFC 8259 JSON in UTF-8 and nothing more. Refused, each with an {@link InvalidJsonException} code:
 * bytes that are not UTF-8 ({@code invalid_utf8}: never replaced by U+FFFD); comments, single
 * quotes, trailing commas, {@code NaN}, content after the value ({@code malformed_json}); an object
 * naming a member twice ({@code duplicate_key}: never "last one wins"); a string or member name
 * holding NUL or another C0 control other than tab, line feed and carriage return, escaped or not,
 * or an unpaired surrogate ({@code invalid_characters}). Nesting deeper than Jackson's default
 * limit (1,000) and a number beyond a double's range are {@code malformed_json}.
 *
 * @since 1.4.0
 */
public final class StrictJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
          .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .disable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();

  private StrictJson() {}

  /**
   * Whether {@code text} holds nothing but white space, space separators (e.g. U+00A0, U+3000) and
   * invisible format characters (e.g. U+200B, U+FEFF): what a reader would see as empty, though
   * {@link String#isBlank()} does not. A required text field holding only these is empty; the
   * server's own routes refuse it as such, and a plugin checks its fields with this.
   *
   * @since 1.9.0
   */
  public static boolean isBlank(String text) {
    return text.codePoints()
        .allMatch(
            c ->
                Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || Character.getType(c) == Character.FORMAT);
  }

  /** {@code body} as a JSON object; anything else (an array, a number...) is malformed. */
  public static JsonObject object(Buffer body) {
    return object(body.getBytes());
  }

  /** {@code bytes} as a JSON object; anything else (an array, a number...) is malformed. */
  public static JsonObject object(byte[] bytes) {
    if (value(bytes) instanceof JsonObject object) {
      return object;
    }
    throw new InvalidJsonException(
        InvalidJsonException.MALFORMED_JSON, "The request body must be a JSON object.");
  }

  /**
   * Any JSON value: a {@link JsonObject}, {@link JsonArray}, {@link String}, {@link Number} (an
   * {@link Integer}, {@link Long} or {@link java.math.BigInteger} for integers, a {@link Double}
   * otherwise), {@link Boolean} or {@code null}.
   */
  public static Object value(byte[] bytes) {
    CharBuffer text = utf8(bytes);
    try (JsonParser parser =
        FACTORY.createParser(
            text.array(), text.arrayOffset() + text.position(), text.remaining())) {
      if (parser.nextToken() == null) {
        throw malformed("The request body is empty; a JSON value is expected.");
      }
      Object value = read(parser);
      if (parser.nextToken() != null) {
        throw malformed("The request body has content after its JSON value.");
      }
      return value;
    } catch (IOException e) {
      throw malformed("The request body is not valid JSON.");
    }
  }

  private static CharBuffer utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new InvalidJsonException(
          InvalidJsonException.INVALID_UTF8, "The request body is not valid UTF-8.");
    }
  }

  /** The value at the parser's current token. */
  private static Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw malformed("The request body ends inside its JSON value.");
    }
    return switch (token) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> readArray(parser);
      case VALUE_STRING -> checked(parser.getText());
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> finite(parser.getDoubleValue());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw malformed("The request body is not valid JSON.");
    };
  }

  private static JsonObject readObject(JsonParser parser) throws IOException {
    Map<String, Object> members = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = checked(parser.currentName());
      parser.nextToken();
      if (members.containsKey(name)) {
        throw new InvalidJsonException(
            InvalidJsonException.DUPLICATE_KEY,
            "The request body names member '" + name + "' twice.");
      }
      members.put(name, read(parser));
    }
    return new JsonObject(members);
  }

  private static JsonArray readArray(JsonParser parser) throws IOException {
    JsonArray items = new JsonArray();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(read(parser));
    }
    return items;
  }

  /** A number beyond double's range would read as infinity, which JSON cannot write back. */
  private static Double finite(double number) {
    if (Double.isInfinite(number)) {
      throw malformed("The request body holds a number too large to represent.");
    }
    return number;
  }

  private static String checked(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
      boolean unpaired =
          Character.isHighSurrogate(c)
              ? i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(++i))
              : Character.isLowSurrogate(c);
      if (control || unpaired) {
        throw new InvalidJsonException(
            InvalidJsonException.INVALID_CHARACTERS,
            "The request body holds a string with a control character or an unpaired surrogate.");
      }
    }
    return text;
  }

  private static InvalidJsonException malformed(String detail) {
    return new InvalidJsonException(InvalidJsonException.MALFORMED_JSON, detail);
  }
}
