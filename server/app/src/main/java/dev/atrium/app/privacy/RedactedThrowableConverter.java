package dev.atrium.app.privacy;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.atrium.plugin.api.safety.TextSafety;
import dev.atrium.plugin.runtime.safety.HostTextSafety;

/**
 * Logback's {@code %ex} (stack traces) with personal data in exception messages replaced, as {@link
 * RedactedMessageConverter} does for messages ({@code %redactedEx} in logback.xml).
 */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {
  private final TextSafety safety = new HostTextSafety();

  @Override
  public String convert(ILoggingEvent event) {
    return RedactedMessageConverter.redact(safety, super.convert(event));
  }
}
