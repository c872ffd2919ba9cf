package dev.atrium.bench;

/** Knowledge-base documents for crash tests: one that answers questions, one that takes a while. */
final class PolicyDocuments {
  private static final String[] PRODUCTS = {
    "kettle", "toaster", "blender", "lamp", "heater", "fan", "scale", "grinder"
  };
  private static final String[] COLOURS = {"red", "slate", "ivory", "olive", "copper", "teal"};

  private PolicyDocuments() {}

  /** A short returns policy the questions of {@link PluginTraffic} are answered from. */
  static String returns() {
    return """
        # Returns and refunds

        You may return any item within 30 days of delivery. Items must be unused and in their
        original packaging. Opened items can be returned when they are faulty.

        ## Refunds

        We issue refunds within 14 days of receiving the returned item, to the original payment
        method. Refunds for faulty items include the original shipping cost.

        ## Return shipping

        Return shipping is free for faulty items; otherwise the customer pays for return shipping.
        After 30 days we cannot accept returns, but the warranty still covers defects.
        """;
  }

  /**
   * A product catalogue of a few hundred chunks: embedding it keeps an ingestion running for
   * several seconds on a small machine.
   */
  static String catalogue() {
    StringBuilder text = new StringBuilder("# Product catalogue\n\n");
    for (int i = 0; i < 2_400; i++) {
      String product = PRODUCTS[i % PRODUCTS.length];
      String colour = COLOURS[(i / PRODUCTS.length) % COLOURS.length];
      if (i % 40 == 0) {
        text.append("\n## Range ").append(i / 40 + 1).append("\n\n");
      }
      text.append("The ")
          .append(colour)
          .append(' ')
          .append(product)
          .append(" model ")
          .append(1000 + i)
          .append(" weighs ")
          .append(1 + i % 9)
          .append(" kilograms, draws ")
          .append(200 + (i * 37) % 1800)
          .append(" watts and ships within ")
          .append(1 + i % 5)
          .append(" working days. ");
    }
    return text.toString();
  }
}
