package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One payment as a tenant sends it, validated by {@link TransactionParser}.
 *
 * @param id the tenant's transaction id (unique per tenant; generated when absent)
 * @param amount the amount, positive, in {@code currency}
 * @param currency ISO 4217 code
 * @param timestamp when it happened
 * @param account the paying account or customer
 * @param merchant who is paid (empty when unknown)
 * @param category the merchant category (empty when unknown)
 * @param channel how it was made: online, pos, atm, mobile, transfer or other
 * @param device the device fingerprint (empty when unknown)
 * @param ip the client's IP address (empty when unknown)
 * @param country ISO 3166 alpha-2 country (empty when unknown)
 * @param lat latitude in degrees, when known
 * @param lon longitude in degrees, when known
 * @param attributes the tenant's own fields (strings, numbers, booleans)
 */
record Transaction(
    String id,
    double amount,
    String currency,
    Instant timestamp,
    String account,
    String merchant,
    String category,
    String channel,
    String device,
    String ip,
    String country,
    OptionalDouble lat,
    OptionalDouble lon,
    JsonObject attributes) {

  boolean hasLocation() {
    return lat.isPresent() && lon.isPresent();
  }

  Optional<String> deviceKey() {
    return device.isEmpty() ? Optional.empty() : Optional.of(device);
  }

  /** The transaction as the API and the log write it. */
  JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("amount", amount)
            .put("currency", currency)
            .put("timestamp", timestamp.toString())
            .put("account", account);
    putIfSet(json, "merchant", merchant);
    putIfSet(json, "category", category);
    putIfSet(json, "channel", channel);
    putIfSet(json, "device", device);
    putIfSet(json, "ip", ip);
    putIfSet(json, "country", country);
    lat.ifPresent(v -> json.put("lat", v));
    lon.ifPresent(v -> json.put("lon", v));
    if (!attributes.isEmpty()) {
      json.put("attributes", attributes.copy());
    }
    return json;
  }

  private static void putIfSet(JsonObject json, String name, String value) {
    if (!value.isEmpty()) {
      json.put(name, value);
    }
  }
}
