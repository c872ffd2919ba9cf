package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.Subscription;
import dev.atrium.persistence.billing.SubscriptionRepository;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * A tenant's plans over time. A tenant without subscription rows is on the default plan since it
 * was created; its first plan change writes that implicit subscription down, ends it and starts the
 * new one, so the history covers every second since signup.
 */
public final class Subscriptions {
  private static final UUID IMPLICIT = new UUID(0, 0);

  private final String defaultPlanId;

  public Subscriptions(String defaultPlanId) {
    this.defaultPlanId = requireNonNull(defaultPlanId, "defaultPlanId is null");
  }

  public String defaultPlanId() {
    return defaultPlanId;
  }

  /** The tenant's subscriptions, oldest first; throws NoSuchElementException for no tenant. */
  public List<Subscription> timeline(DSLContext dsl, UUID tenantId) {
    return timeline(dsl, new TenantRepository(dsl).find(tenantId).orElseThrow());
  }

  /** As {@link #timeline(DSLContext, UUID)}, for a tenant already read. */
  public List<Subscription> timeline(DSLContext dsl, Tenant tenant) {
    List<Subscription> rows = new SubscriptionRepository(dsl).list(tenant.id());
    return rows.isEmpty() ? List.of(implicit(tenant)) : rows;
  }

  /** The subscription in force at {@code at}, if any. */
  public static Optional<Subscription> at(List<Subscription> timeline, OffsetDateTime at) {
    return timeline.stream()
        .filter(s -> !s.startsAt().isAfter(at) && (s.endsAt() == null || s.endsAt().isAfter(at)))
        .reduce((a, b) -> b);
  }

  /** The parts of {@code timeline} that overlap [from, to), with their plans. */
  public static List<PlanSegment> segments(
      List<Subscription> timeline,
      Map<String, Plan> plans,
      OffsetDateTime from,
      OffsetDateTime to) {
    List<PlanSegment> segments = new ArrayList<>();
    for (Subscription s : timeline) {
      boolean overlaps =
          s.startsAt().isBefore(to) && (s.endsAt() == null || s.endsAt().isAfter(from));
      if (overlaps) {
        Plan plan = plans.get(s.planId());
        if (plan == null) {
          throw new NoSuchElementException("plan " + s.planId() + " does not exist");
        }
        segments.add(new PlanSegment(plan, s.startsAt(), s.endsAt(), s.discountPercent()));
      }
    }
    return segments;
  }

  /**
   * What moving a tenant to {@code planId} from {@code effectiveAt} on does to its {@code
   * timeline}: the subscription in force then ends there, changes scheduled after it are dropped.
   * Pure; the one place a change is decided, applied by {@link #change} and shown by a preview.
   * Throws IllegalArgumentException if {@code effectiveAt} is before the tenant's first
   * subscription.
   */
  public static Change decide(
      List<Subscription> timeline,
      String planId,
      OffsetDateTime effectiveAt,
      BigDecimal discountPercent,
      OffsetDateTime now) {
    List<Subscription> rows = timeline;
    Subscription firstToStore = null;
    if (rows.get(0).id().equals(IMPLICIT)) {
      firstToStore = withId(rows.get(0), UUID.randomUUID());
      rows = List.of(firstToStore);
    }
    if (effectiveAt.isBefore(rows.get(0).startsAt())) {
      throw new IllegalArgumentException(
          "a plan change cannot take effect before " + rows.get(0).startsAt());
    }
    List<Subscription> after = new ArrayList<>();
    rows.stream().filter(s -> s.startsAt().isBefore(effectiveAt)).forEach(after::add);
    Subscription ended = null;
    if (!after.isEmpty()) {
      Subscription last = after.remove(after.size() - 1);
      ended =
          new Subscription(
              last.id(),
              last.tenantId(),
              last.planId(),
              last.startsAt(),
              effectiveAt,
              last.discountPercent(),
              last.createdAt());
      after.add(ended);
    }
    Subscription next =
        new Subscription(
            UUID.randomUUID(),
            rows.get(0).tenantId(),
            planId,
            effectiveAt,
            null,
            discountPercent,
            now);
    after.add(next);
    return new Change(firstToStore, ended, next, List.copyOf(after));
  }

  /**
   * Applies {@link #decide} to the stored timeline. Run it in a transaction; throws
   * NoSuchElementException if the tenant does not exist and IllegalArgumentException if {@code
   * effectiveAt} is before the tenant's first subscription.
   */
  public Subscription change(
      DSLContext dsl,
      UUID tenantId,
      String planId,
      OffsetDateTime effectiveAt,
      BigDecimal discountPercent,
      OffsetDateTime now) {
    SubscriptionRepository repository = new SubscriptionRepository(dsl);
    if (!repository.lockTenant(tenantId)) {
      throw new NoSuchElementException("no tenant " + tenantId);
    }
    Change change = decide(timeline(dsl, tenantId), planId, effectiveAt, discountPercent, now);
    if (change.firstToStore() != null) {
      repository.insert(change.firstToStore());
    }
    repository.deleteStartingFrom(tenantId, effectiveAt);
    if (change.ended() != null) {
      repository.end(tenantId, change.ended().id(), effectiveAt);
    }
    repository.insert(change.next());
    return change.next();
  }

  /**
   * A decided plan change: the implicit first subscription to write down (or null), the one it ends
   * (or null), the new one, and the timeline afterwards.
   */
  public record Change(
      Subscription firstToStore,
      Subscription ended,
      Subscription next,
      List<Subscription> timeline) {}

  private Subscription implicit(Tenant tenant) {
    return new Subscription(
        IMPLICIT,
        tenant.id(),
        defaultPlanId,
        tenant.createdAt(),
        null,
        BigDecimal.ZERO,
        tenant.createdAt());
  }

  private static Subscription withId(Subscription s, UUID id) {
    return new Subscription(
        id, s.tenantId(), s.planId(), s.startsAt(), s.endsAt(), s.discountPercent(), s.createdAt());
  }
}
