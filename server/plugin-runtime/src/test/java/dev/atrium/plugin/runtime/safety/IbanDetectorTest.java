package dev.atrium.plugin.runtime.safety;

import static dev.atrium.plugin.runtime.safety.Detections.texts;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class IbanDetectorTest {
  private final IbanDetector detector = new IbanDetector();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "IBAN DE89 3704 0044 0532 0130 00 please|DE89 3704 0044 0532 0130 00",
        "IBAN DE89370400440532013000|DE89370400440532013000",
        "请转账到GB82WEST12345698765432谢谢|GB82WEST12345698765432",
        "BE68 5390 0754 7034 WIRE TODAY|BE68 5390 0754 7034",
        "NO93 8601 1117 947.|NO93 8601 1117 947",
      })
  void findsIbansWithOrWithoutSpaces(String text, String iban) {
    assertThat(texts(detector, text)).containsExactly(iban);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE89 3704 0044 0532 0130 01",
        "DE8937040044053201300",
        "XX12 3456 7890 1234 56",
        "NL91 is a region code",
        "model FR1234567890",
        "xDE89370400440532013000",
      })
  void refusesWrongChecksumsLengthsAndCountries(String text) {
    assertThat(texts(detector, text)).isEmpty();
  }
}
