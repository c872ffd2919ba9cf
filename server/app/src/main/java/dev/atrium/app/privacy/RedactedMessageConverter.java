package dev.atrium.app.privacy;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.atrium.plugin.api.safety.PiiType;
import dev.atrium.plugin.api.safety.TextSafety;
import dev.atrium.plugin.runtime.safety.HostTextSafety;
import java.util.EnumSet;
import java.util.Set;

/**
 * Logback's {@code %msg} with personal data replaced by placeholders ({@code %redactedMsg} in
 * logback.xml): e-mail addresses, phone, card and resident ID numbers and IBANs never reach the
 * server's log, whatever the host or a plugin logs. IP addresses are kept: operators need them
 * against abuse, and the server's own addresses are in its log.
 */
public final class RedactedMessageConverter extends MessageConverter {
  private static final Set<PiiType> LOGGED_AS_PLACEHOLDER =
      EnumSet.complementOf(EnumSet.of(PiiType.IP_ADDRESS));

  private final TextSafety safety = new HostTextSafety();

  @Override
  public String convert(ILoggingEvent event) {
    return redact(safety, super.convert(event));
  }

  static String redact(TextSafety safety, String text) {
    return text == null || text.isEmpty()
        ? text
        : safety.redact(text, LOGGED_AS_PLACEHOLDER).text();
  }
}
