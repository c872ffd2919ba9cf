package dev.atrium.accounts.service;

import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;

/** A user's insert refused by the unique e-mail address: 409 {@code email_taken}. */
final class EmailTaken {
  private EmailTaken() {}

  /** {@code failure} as 409 {@code email_taken} if it is a unique violation, else as it was. */
  static <T> Future<T> orFailure(Throwable failure) {
    if (failure instanceof DataAccessException e
        && e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION) {
      return Future.failedFuture(
          Problem.conflict("email_taken", "This e-mail address is already registered."));
    }
    return Future.failedFuture(failure);
  }
}
