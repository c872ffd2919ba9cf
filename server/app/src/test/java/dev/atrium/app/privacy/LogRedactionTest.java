package dev.atrium.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The server's own logback.xml writes personal data as placeholders, in messages and traces. */
final class LogRedactionTest {

  @Test
  void theServersLogLayoutRedactsMessagesAndExceptionsButKeepsAddresses() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL config = getClass().getResource("/logback.xml");
    configurator.doConfigure(config);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    OutputStreamAppender<ILoggingEvent> stdout =
        (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT");
    LayoutWrappingEncoder<ILoggingEvent> encoder =
        (LayoutWrappingEncoder<ILoggingEvent>) stdout.getEncoder();

    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            context.getLogger("atrium.plugin.test"),
            Level.WARN,
            "Refund for {} (card {}) from 203.0.113.9",
            new IllegalStateException("customer phone 13812345678 unreachable"),
            new Object[] {"li.lei@example.com", "4111 1111 1111 1111"});
    String line = encoder.getLayout().doLayout(event);

    assertThat(line)
        .contains("Refund for [EMAIL] (card [CARD]) from 203.0.113.9")
        .contains("IllegalStateException: customer phone [PHONE] unreachable")
        .doesNotContain("li.lei@example.com")
        .doesNotContain("13812345678")
        .contains("at dev.atrium.app.privacy.LogRedactionTest");
    LoggingEvent empty =
        new LoggingEvent(
            Logger.class.getName(), context.getLogger("x"), Level.INFO, null, null, null);
    assertThat(encoder.getLayout().doLayout(empty)).contains(" - null");
    context.stop();
  }
}
