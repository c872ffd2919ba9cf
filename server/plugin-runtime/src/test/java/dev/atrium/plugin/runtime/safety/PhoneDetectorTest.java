package dev.atrium.plugin.runtime.safety;

import static dev.atrium.plugin.runtime.safety.Detections.texts;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class PhoneDetectorTest {
  private final PhoneDetector detector = new PhoneDetector();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "我的手机号是13812345678谢谢|13812345678",
        "手机：138-1234-5678。|138-1234-5678",
        "+86 138 1234 5678 is mine|+86 138 1234 5678",
        "热线400-820-8820|400-820-8820",
        "(+86)13912345678|(+86)13912345678",
        "打１３８１２３４５６７８找我|１３８１２３４５６７８",
        "座机010-62345678|010-62345678",
        "（０２１）５４３２ １０９８|（０２１）５４３２ １０９８",
        "分机0755-86123456-801转|0755-86123456-801",
        "call (415) 555-2671 now|(415) 555-2671",
        "call +1 415.555.2671|+1 415.555.2671",
        "ring +44 20 7946 0958.|+44 20 7946 0958",
        "WhatsApp +919876543210|+919876543210",
      })
  void findsPhoneNumbers(String text, String phone) {
    assertThat(texts(detector, text)).containsExactly(phone);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "订单号13812345678已发货",
        "tracking number: 13812345678",
        "第13812345678号文件",
        "serial 1381234567890123",
        "SF13812345678",
        "13812345678.5元",
        "2026-12-03 13:45",
        "0755-1234567 starts with 1 locally",
        "+5 points",
        "+12.5%",
        "555-2671",
        "验证码138123",
        "",
      })
  void leavesLookAlikesAlone(String text) {
    assertThat(texts(detector, text)).isEmpty();
  }
}
