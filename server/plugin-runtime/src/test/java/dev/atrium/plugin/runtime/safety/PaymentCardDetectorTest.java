package dev.atrium.plugin.runtime.safety;

import static dev.atrium.plugin.runtime.safety.Detections.texts;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class PaymentCardDetectorTest {
  private final PaymentCardDetector detector = new PaymentCardDetector();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "card 4111111111111111 ok|4111111111111111",
        "card 4111 1111 1111 1111 exp 12/28|4111 1111 1111 1111",
        "卡号4111-1111-1111-1111谢谢|4111-1111-1111-1111",
        "amex 3782 822463 10005|3782 822463 10005",
        "mc 2221000000000009|2221000000000009",
        "银联6212345678901232|6212345678901232",
        "１２ ｆｕｌｌ ４１１１１１１１１１１１１１１１|４１１１１１１１１１１１１１１１",
      })
  void findsLuhnValidCardNumbers(String text, String card) {
    assertThat(texts(detector, text)).containsExactly(card);
  }

  @Test
  void aFifthGroupThatBreaksTheCheckIsLeftOut() {
    assertThat(texts(detector, "4111 1111 1111 1111 123 items"))
        .containsExactly("4111 1111 1111 1111");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "card 4111 1111 1111 1112",
        "4111111111111112",
        "1111 1111 1111 1117 starts outside every network",
        "order 4111111111111111",
        "订单编号4111111111111111",
        "订单号为：4111111111111111",
        "USPS 9400 1000 0000 0000 0000 00",
        "4111 1111 1111 1111 1111 1111",
        "12345.4111111111111111",
        "ABC4111111111111111",
        "440305199003070356 is a resident ID, though it passes Luhn",
      })
  void leavesLookAlikesAlone(String text) {
    assertThat(texts(detector, text)).isEmpty();
  }

  @Test
  void luhnMatchesKnownNumbers() {
    assertThat(PaymentCardDetector.luhn("79927398713")).isTrue();
    assertThat(PaymentCardDetector.luhn("79927398710")).isFalse();
  }
}
