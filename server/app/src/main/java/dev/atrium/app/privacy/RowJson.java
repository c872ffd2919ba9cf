package dev.atrium.app.privacy;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Record;

/**
 * A database row as a JSON object, for exports and retained records: column names as keys, ids,
 * times and dates as ISO strings, decimals as exact strings. Secrets (password and invitation
 * hashes, API key hashes) and binary content never appear; blob content is written beside.
 */
final class RowJson {
  /** Columns left out of every export, qualified as {@code table.column}. */
  static final Set<String> WITHHELD =
      Set.of(
          "users.password_hash",
          "users.invite_token_hash",
          "api_keys.key_hash",
          "plugin_blobs.content");

  private RowJson() {}

  static JsonObject of(String table, Record row) {
    JsonObject json = new JsonObject();
    for (Field<?> field : row.fields()) {
      if (WITHHELD.contains(table + "." + field.getName())) {
        continue;
      }
      json.put(field.getName(), value(row.get(field)));
    }
    return json;
  }

  private static Object value(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Integer i -> i;
      case Long l -> l;
      case BigDecimal d -> d.toPlainString();
      default -> value.toString();
    };
  }
}
