package dev.atrium.contract;

import dev.atrium.contract.ValidatingClient.Call;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Requests a plugin operation must refuse with 4xx, generated from what {@code /openapi.json} says
 * it takes: each is a request the operation succeeded with, spoiled in one way. Every operation
 * gets an {@code Idempotency-Key} Atrium refuses before the plugin runs; one with a path id gets an
 * id nothing has (unless it is a PUT, which may make what it names); each documented query
 * parameter a value outside its schema, and each required one is left out; a JSON body is sent
 * malformed, as an array, with an unknown field, without each required field, with each field of a
 * type its schema does not allow and each required text blank (white space, U+00A0 and U+200B
 * only), and each array of objects with a last element lacking a member it requires; a raw body (an
 * upload) is sent empty, but not with another media type, since an upload's format may be told by
 * its file name or its content (browsers mislabel files); any body is sent one byte over {@code
 * plugins.max-request-bytes}.
 */
final class SpoiledRequests {
  /** {@code plugins.max-request-bytes} of the contract server: the default, 1 MiB. */
  private static final int MAX_REQUEST_BYTES = 1_048_576;

  /** Text that is empty after trimming, as Atrium trims. */
  private static final String BLANK = " \u00A0\u200B ";

  /** One spoiled request and how it was spoiled. */
  record Spoiled(String how, Call call) {}

  private final PluginOperation operation;
  private final Call valid;
  private final List<Spoiled> spoiled = new ArrayList<>();

  private SpoiledRequests(PluginOperation operation, Call valid) {
    this.operation = operation;
    this.valid = valid;
  }

  /** The ways of spoiling {@code valid}, a request {@code operation} succeeded with. */
  static List<Spoiled> of(PluginOperation operation, Call valid) {
    SpoiledRequests requests = new SpoiledRequests(operation, valid);
    requests.idempotencyKey();
    requests.pathId();
    requests.query();
    requests.body();
    return List.copyOf(requests.spoiled);
  }

  private void idempotencyKey() {
    add("an Idempotency-Key Atrium refuses", valid().header("Idempotency-Key", "not visible"));
  }

  private void pathId() {
    if (operation.hasPathId() && !operation.method().equals("PUT")) {
      String id = operation.idIn(valid.path());
      add("an id nothing has", valid().at(operation.with(UnknownId.like(id))));
    }
  }

  private void query() {
    for (JsonObject parameter : operation.queryParameters()) {
      String name = parameter.getString("name");
      String outside = outside(parameter.getJsonObject("schema", new JsonObject()));
      if (outside != null) {
        add("?" + name + "=" + outside, valid().query(name, outside));
      }
      if (parameter.getBoolean("required", false)) {
        add("no ?" + name, valid().withoutQuery(name));
      }
    }
  }

  /** A value the query parameter's schema does not allow, or null if it allows any text. */
  private static String outside(JsonObject schema) {
    if (schema.containsKey("enum")) {
      return "none-of-these";
    }
    if ("date".equals(schema.getString("format"))) {
      return "31/01/2026";
    }
    return switch (schema.getString("type", "string")) {
      case "integer", "number" -> "soon";
      case "boolean" -> "maybe";
      default -> null;
    };
  }

  private void body() {
    Set<String> mediaTypes = operation.bodyMediaTypes();
    if (mediaTypes.isEmpty()) {
      return;
    }
    String mediaType = valid.mediaType() == null ? mediaTypes.iterator().next() : valid.mediaType();
    add(
        "a body over plugins.max-request-bytes",
        valid().body(mediaType, spaces(MAX_REQUEST_BYTES + 1)));
    if (mediaType.equals("application/json") && operation.jsonBodySchema().isPresent()) {
      json(operation.jsonBodySchema().get());
    } else {
      raw();
    }
  }

  private void raw() {
    add("an empty body", valid().body(valid.mediaType(), new byte[0]));
  }

  private void json(JsonObject schema) {
    JsonObject body =
        valid.bytes() == null
            ? new JsonObject()
            : new JsonObject(new String(valid.bytes(), StandardCharsets.UTF_8));
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    List<String> required =
        schema.getJsonArray("required", new JsonArray()).stream().map(String::valueOf).toList();
    add("malformed JSON", valid().body("application/json", bytes("{\"unterminated")));
    add("an array, not an object", valid().json(new JsonArray().add(body)));
    if (Boolean.FALSE.equals(schema.getValue("additionalProperties"))) {
      add("an unknown field", valid().json(body.copy().put("noSuchField", 1)));
    }
    for (String field : required) {
      if (body.containsKey(field)) {
        JsonObject without = body.copy();
        without.remove(field);
        add("no " + field, valid().json(without));
      }
      if (allowed(properties.getJsonObject(field)).equals(List.of("string"))) {
        add(field + " blank", valid().json(body.copy().put(field, BLANK)));
      }
    }
    for (String field : body.fieldNames()) {
      Object wrong = ofAnotherType(allowed(properties.getJsonObject(field)));
      if (wrong != null) {
        add(field + " of a type it does not take", valid().json(body.copy().put(field, wrong)));
      }
      lastElementSpoiled(body, field, properties.getJsonObject(field));
    }
  }

  /**
   * For an array of objects, the valid elements followed by one without a member its schema
   * requires: an operation that takes the whole array or none must refuse all of it.
   */
  private void lastElementSpoiled(JsonObject body, String field, JsonObject property) {
    if (!(body.getValue(field) instanceof JsonArray elements)
        || elements.isEmpty()
        || !(elements.getValue(0) instanceof JsonObject first)
        || property == null
        || property.getJsonObject("items") == null) {
      return;
    }
    JsonArray required = property.getJsonObject("items").getJsonArray("required", new JsonArray());
    if (required.isEmpty()) {
      return;
    }
    JsonObject spoiled = first.copy();
    spoiled.remove(required.getString(0));
    add(
        field + " ending with an element without " + required.getString(0),
        valid().json(body.copy().put(field, elements.copy().add(spoiled))));
  }

  /** The JSON types a property's schema allows; empty when it does not say. */
  private static List<String> allowed(JsonObject property) {
    Object type = property == null ? null : property.getValue("type");
    if (type instanceof String one) {
      return List.of(one);
    }
    if (type instanceof JsonArray many) {
      return many.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  /** A value of a JSON type that {@code types} leaves out; null if they are not known. */
  private static Object ofAnotherType(List<String> types) {
    if (types.isEmpty()) {
      return null;
    }
    if (!types.contains("string")) {
      return "12345";
    }
    if (!types.contains("number") && !types.contains("integer")) {
      return 12345;
    }
    return types.contains("object") ? new JsonArray() : new JsonObject();
  }

  private Call valid() {
    return valid.copy().invalid();
  }

  private void add(String how, Call call) {
    spoiled.add(new Spoiled(how, call));
  }

  private static byte[] spaces(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) ' ');
    return bytes;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
