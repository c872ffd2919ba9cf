package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.Meter;
import dev.atrium.persistence.billing.MeterRepository;
import dev.atrium.persistence.billing.PlanMeter;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.PriceTier;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.exception.DataAccessException;

/**
 * The meters usage may be recorded against: the platform's, seeded by the schema, and those plugins
 * declare at install ({@link #declarePluginMeter}), each named {@code <plugin-id>.<name>}.
 */
public final class MeterCatalog {
  private static final String UNIQUE_VIOLATION = "23505";

  private static final Pattern PLUGIN_ID = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");
  private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,22}$");
  private static final Pattern UNIT = Pattern.compile("^[a-z][a-z0-9_]{0,31}$");

  private final Database database;
  private final PlanBook plans;
  private volatile Map<String, Meter> meters;

  public MeterCatalog(Database database, PlanBook plans) {
    this.database = requireNonNull(database, "database is null");
    this.plans = requireNonNull(plans, "plans is null");
    reload();
  }

  public Optional<Meter> find(String name) {
    return Optional.ofNullable(meters.get(name));
  }

  public List<Meter> all() {
    return meters.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  /**
   * Declares a plugin's meter, idempotently: a new meter gets {@code unitPrice} and no allowance or
   * limit in every plan (the operator then edits each plan's terms). Blocks on the database: call
   * it at plugin install, not on an event loop.
   */
  public Meter declarePluginMeter(
      String pluginId, String name, String unit, String description, BigDecimal unitPrice) {
    if (!PLUGIN_ID.matcher(pluginId).matches() || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "plugin ids are lower-case letters, digits and '-'; meter names lower-case letters, digits and '_'");
    }
    if (!UNIT.matcher(unit).matches() || unitPrice.signum() < 0) {
      throw new IllegalArgumentException("bad unit or negative price");
    }
    Meter meter = new Meter(pluginId + "." + name, unit, pluginId, requireNonNull(description));
    try {
      database
          .dsl()
          .transaction(
              c -> {
                if (new MeterRepository(c.dsl()).insertIfAbsent(meter)) {
                  new PlanRepository(c.dsl())
                      .addMeterWhereMissing(
                          new PlanMeter(
                              meter.name(), 0, null, null, List.of(new PriceTier(0, unitPrice))));
                }
              });
    } catch (DataAccessException e) {
      // A concurrent declaration (another request, another replica) inserted it first: declared.
      if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
        throw e;
      }
    }
    reload();
    plans.plansChanged();
    return meters.get(meter.name());
  }

  private void reload() {
    meters =
        new MeterRepository(database.dsl())
            .list().stream()
                .collect(Collectors.toUnmodifiableMap(Meter::name, Function.identity()));
  }
}
