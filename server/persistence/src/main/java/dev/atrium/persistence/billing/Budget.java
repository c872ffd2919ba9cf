package dev.atrium.persistence.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's monthly budget: {@code thresholds} are the ascending percentages of {@code
 * monthlyAmount} that raise an alert; {@code webhookUrl} and its signing {@code webhookSecret} are
 * null when no webhook is told.
 */
public record Budget(
    UUID tenantId,
    BigDecimal monthlyAmount,
    List<Integer> thresholds,
    String webhookUrl,
    String webhookSecret,
    OffsetDateTime updatedAt) {
  public Budget {
    thresholds = List.copyOf(thresholds);
  }
}
