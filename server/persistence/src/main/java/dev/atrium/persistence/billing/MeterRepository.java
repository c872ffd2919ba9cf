package dev.atrium.persistence.billing;

import static dev.atrium.persistence.jooq.Tables.METERS;
import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jooq.DSLContext;

/** The meters: seeded platform meters and those plugins declare. */
public final class MeterRepository {
  private final DSLContext dsl;

  public MeterRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public List<Meter> list() {
    return dsl.selectFrom(METERS)
        .orderBy(METERS.NAME)
        .fetch(r -> new Meter(r.getName(), r.getUnit(), r.getPluginId(), r.getDescription()));
  }

  /** Adds {@code meter} unless one of that name exists; returns true if it was added. */
  public boolean insertIfAbsent(Meter meter) {
    if (dsl.fetchExists(METERS, METERS.NAME.eq(meter.name()))) {
      return false;
    }
    dsl.insertInto(METERS)
        .set(METERS.NAME, meter.name())
        .set(METERS.UNIT, meter.unit())
        .set(METERS.PLUGIN_ID, meter.pluginId())
        .set(METERS.DESCRIPTION, meter.description())
        .execute();
    return true;
  }
}
