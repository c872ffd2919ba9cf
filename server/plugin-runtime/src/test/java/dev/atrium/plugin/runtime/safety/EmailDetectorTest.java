package dev.atrium.plugin.runtime.safety;

import static dev.atrium.plugin.runtime.safety.Detections.texts;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class EmailDetectorTest {
  private final EmailDetector detector = new EmailDetector();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "我的邮箱是zhangsan@example.cn谢谢|zhangsan@example.cn",
        "mail <jane.doe+x@mail.example.co.uk>.|jane.doe+x@mail.example.co.uk",
        "全角chen＠example.com可以|chen＠example.com",
        "...lead.dots@example.com|lead.dots@example.com",
        "13812345678@qq.com|13812345678@qq.com",
      })
  void findsAddresses(String text, String email) {
    assertThat(texts(detector, text)).containsExactly(email);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "icon@2x.png",
        "git@example.com:team/repo.git",
        "root@localhost",
        "@handle",
        "price@5.00",
        "a..b@example.com",
        "trailing.@example.com",
      })
  void leavesLookAlikesAlone(String text) {
    assertThat(texts(detector, text)).isEmpty();
  }
}
