package dev.atrium.billing;

/** A reservation would take a tenant's use of a meter past its plan's hard limit this month. */
public final class QuotaExceededException extends RuntimeException {
  private final String meter;
  private final long limit;
  private final long committed;

  public QuotaExceededException(String meter, long limit, long committed) {
    super(
        "The monthly hard limit of "
            + limit
            + " for '"
            + meter
            + "' is reached ("
            + committed
            + " used or reserved); upgrade the plan or wait for the next month.",
        null,
        false,
        false);
    this.meter = meter;
    this.limit = limit;
    this.committed = committed;
  }

  public String meter() {
    return meter;
  }

  public long limit() {
    return limit;
  }

  public long committed() {
    return committed;
  }
}
