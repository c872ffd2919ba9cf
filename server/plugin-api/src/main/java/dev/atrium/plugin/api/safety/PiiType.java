package dev.atrium.plugin.api.safety;

/** Kinds of personal data {@link TextSafety} finds, each with the placeholder it redacts to. */
public enum PiiType {
  /** An e-mail address. */
  EMAIL("[EMAIL]"),
  /** A phone number, international (E.164 style) or Chinese (mobile and landline). */
  PHONE("[PHONE]"),
  /** A payment card number that passes the Luhn check. */
  PAYMENT_CARD("[CARD]"),
  /** A Chinese resident identity number (18 characters) with a valid check character. */
  CN_RESIDENT_ID("[CN_ID]"),
  /** An IBAN whose mod-97 check holds. */
  IBAN("[IBAN]"),
  /** An IPv4 or IPv6 address. */
  IP_ADDRESS("[IP]");

  private final String placeholder;

  PiiType(String placeholder) {
    this.placeholder = placeholder;
  }

  /** What the entity is replaced by when redacted, e.g. {@code [EMAIL]}. */
  public String placeholder() {
    return placeholder;
  }
}
