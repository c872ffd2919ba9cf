package dev.atrium.persistence.billing;

import java.util.UUID;

/**
 * One row of a usage report: the {@code group} value (a day, an hour, a plugin, a model or a key
 * id; empty when grouping by meter alone) and meter, with summed quantity and event count. {@code
 * tenantId} is set in the operator's all-tenant report only.
 */
public record UsageGroup(UUID tenantId, String group, String meter, long quantity, long events) {}
