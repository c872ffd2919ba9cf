package dev.atrium.persistence.idempotency;

import static dev.atrium.persistence.jooq.Tables.IDEMPOTENT_REQUESTS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.idempotency.IdempotentRequest.State;
import dev.atrium.persistence.jooq.tables.records.IdempotentRequestsRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The first request of each (tenant, idempotency key) and its answer. A key is claimed by one
 * request at a time: the claim is a row in state {@code in_flight}, taken with an insert that does
 * nothing when the row exists, so two servers racing for one key cannot both win.
 */
public final class IdempotencyRepository {
  private final DSLContext dsl;

  public IdempotencyRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  /**
   * Claims {@code key} for the request {@code fingerprint}: a new claim when the key is unused or
   * its row has expired, the same claim (same {@code createdAt}) taken over when its holder let the
   * lock lapse on the same request. Otherwise answers the row as it is, for the caller to replay or
   * refuse.
   */
  public Claimed claim(
      UUID tenantId,
      String key,
      String fingerprint,
      OffsetDateTime now,
      Duration lock,
      Duration ttl) {
    UUID claim = UUID.randomUUID();
    int inserted =
        dsl.insertInto(IDEMPOTENT_REQUESTS)
            .set(IDEMPOTENT_REQUESTS.TENANT_ID, tenantId)
            .set(IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY, key)
            .set(IDEMPOTENT_REQUESTS.FINGERPRINT, fingerprint)
            .set(IDEMPOTENT_REQUESTS.STATE, wire(State.IN_FLIGHT))
            .set(IDEMPOTENT_REQUESTS.CLAIM, claim)
            .set(IDEMPOTENT_REQUESTS.CREATED_AT, now)
            .set(IDEMPOTENT_REQUESTS.LOCKED_UNTIL, now.plus(lock))
            .set(IDEMPOTENT_REQUESTS.EXPIRES_AT, now.plus(ttl))
            .onConflictDoNothing()
            .execute();
    if (inserted == 1) {
      return new Claimed(claim, now, Optional.empty());
    }
    int renewed =
        dsl.update(IDEMPOTENT_REQUESTS)
            .set(IDEMPOTENT_REQUESTS.FINGERPRINT, fingerprint)
            .set(IDEMPOTENT_REQUESTS.STATE, wire(State.IN_FLIGHT))
            .set(IDEMPOTENT_REQUESTS.CLAIM, claim)
            .set(IDEMPOTENT_REQUESTS.CREATED_AT, now)
            .set(IDEMPOTENT_REQUESTS.LOCKED_UNTIL, now.plus(lock))
            .set(IDEMPOTENT_REQUESTS.EXPIRES_AT, now.plus(ttl))
            .setNull(IDEMPOTENT_REQUESTS.STATUS)
            .setNull(IDEMPOTENT_REQUESTS.CONTENT_TYPE)
            .setNull(IDEMPOTENT_REQUESTS.HEADERS)
            .setNull(IDEMPOTENT_REQUESTS.BODY)
            .where(row(tenantId, key))
            .and(IDEMPOTENT_REQUESTS.EXPIRES_AT.le(now))
            .execute();
    if (renewed == 1) {
      return new Claimed(claim, now, Optional.empty());
    }
    int takenOver =
        dsl.update(IDEMPOTENT_REQUESTS)
            .set(IDEMPOTENT_REQUESTS.CLAIM, claim)
            .set(IDEMPOTENT_REQUESTS.LOCKED_UNTIL, now.plus(lock))
            .where(row(tenantId, key))
            .and(IDEMPOTENT_REQUESTS.STATE.eq(wire(State.IN_FLIGHT)))
            .and(IDEMPOTENT_REQUESTS.FINGERPRINT.eq(fingerprint))
            .and(IDEMPOTENT_REQUESTS.LOCKED_UNTIL.le(now))
            .execute();
    Optional<IdempotentRequest> existing = find(tenantId, key);
    if (takenOver == 1 && existing.isPresent() && existing.get().claim().equals(claim)) {
      return new Claimed(claim, existing.get().createdAt(), Optional.empty());
    }
    if (existing.isEmpty()) {
      // Released between the insert and the read: the next attempt claims it.
      return claim(tenantId, key, fingerprint, now, lock, ttl);
    }
    return new Claimed(null, null, existing);
  }

  /**
   * The outcome of {@link #claim}: either this request holds the key ({@code claim} and the first
   * attempt's {@code createdAt}), or {@code existing} is the row another request made.
   */
  public record Claimed(
      UUID claim, OffsetDateTime createdAt, Optional<IdempotentRequest> existing) {
    public boolean held() {
      return claim != null;
    }
  }

  public Optional<IdempotentRequest> find(UUID tenantId, String key) {
    return dsl.selectFrom(IDEMPOTENT_REQUESTS)
        .where(row(tenantId, key))
        .fetchOptional()
        .map(IdempotencyRepository::toRequest);
  }

  /** Stores the answer of the claimed request; false if the claim was lost meanwhile. */
  public boolean store(UUID tenantId, String key, UUID claim, StoredAnswer answer) {
    return dsl.update(IDEMPOTENT_REQUESTS)
            .set(IDEMPOTENT_REQUESTS.STATE, wire(State.STORED))
            .set(IDEMPOTENT_REQUESTS.STATUS, answer.status())
            .set(IDEMPOTENT_REQUESTS.CONTENT_TYPE, answer.contentType())
            .set(IDEMPOTENT_REQUESTS.HEADERS, answer.headersJson())
            .set(IDEMPOTENT_REQUESTS.BODY, answer.body())
            .where(held(tenantId, key, claim))
            .execute()
        == 1;
  }

  /** Marks the claimed request as answered with a stream of {@code status}. */
  public boolean markStreamed(UUID tenantId, String key, UUID claim, int status) {
    return dsl.update(IDEMPOTENT_REQUESTS)
            .set(IDEMPOTENT_REQUESTS.STATE, wire(State.STREAMED))
            .set(IDEMPOTENT_REQUESTS.STATUS, status)
            .where(held(tenantId, key, claim))
            .execute()
        == 1;
  }

  /** Forgets the claimed request: the key is free for the next attempt. False if not held. */
  public boolean release(UUID tenantId, String key, UUID claim) {
    return dsl.deleteFrom(IDEMPOTENT_REQUESTS).where(held(tenantId, key, claim)).execute() == 1;
  }

  /** Deletes every row that expired at {@code now}; answers how many. */
  public int purgeExpired(OffsetDateTime now) {
    return dsl.deleteFrom(IDEMPOTENT_REQUESTS)
        .where(IDEMPOTENT_REQUESTS.EXPIRES_AT.le(now))
        .execute();
  }

  private static Condition row(UUID tenantId, String key) {
    return IDEMPOTENT_REQUESTS
        .TENANT_ID
        .eq(tenantId)
        .and(IDEMPOTENT_REQUESTS.IDEMPOTENCY_KEY.eq(key));
  }

  private static Condition held(UUID tenantId, String key, UUID claim) {
    return row(tenantId, key)
        .and(IDEMPOTENT_REQUESTS.CLAIM.eq(claim))
        .and(IDEMPOTENT_REQUESTS.STATE.eq(wire(State.IN_FLIGHT)));
  }

  private static String wire(State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  private static IdempotentRequest toRequest(IdempotentRequestsRecord r) {
    State state = State.valueOf(r.getState().toUpperCase(Locale.ROOT));
    Optional<StoredAnswer> answer =
        state == State.STORED
            ? Optional.of(
                new StoredAnswer(r.getStatus(), r.getContentType(), r.getHeaders(), r.getBody()))
            : Optional.empty();
    return new IdempotentRequest(
        r.getFingerprint(),
        state,
        r.getClaim(),
        r.getCreatedAt(),
        r.getLockedUntil(),
        r.getExpiresAt(),
        answer);
  }
}
