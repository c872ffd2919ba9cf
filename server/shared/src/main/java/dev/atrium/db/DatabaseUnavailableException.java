package dev.atrium.db;

/**
 * The database cannot be reached now (refused, lost or timed-out connections): answered 503 {@code
 * database_unavailable} with a {@code Retry-After}, never as an internal error.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(Throwable cause) {
    super("the database is unreachable", cause, false, false);
  }
}
