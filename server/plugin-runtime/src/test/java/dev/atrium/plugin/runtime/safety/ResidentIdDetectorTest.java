package dev.atrium.plugin.runtime.safety;

import static dev.atrium.plugin.runtime.safety.Detections.texts;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ResidentIdDetectorTest {
  private final ResidentIdDetector detector = new ResidentIdDetector();

  @Test
  void findsIdsWithTheirCheckCharacterInChineseText() {
    assertThat(texts(detector, "身份证11010519491231002X谢谢")).containsExactly("11010519491231002X");
    assertThat(texts(detector, "id 11010519491231002x.")).containsExactly("11010519491231002x");
    assertThat(texts(detector, "证件号：440524188001010014，已核验")).containsExactly("440524188001010014");
    assertThat(texts(detector, "身份证号码：110105 19491231 002X"))
        .containsExactly("110105 19491231 002X");
  }

  @Test
  void theCheckCharacterFollowsIso7064Mod112() {
    assertThat(ResidentIdDetector.checkCharacter("11010519491231002")).isEqualTo('X');
    assertThat(ResidentIdDetector.checkCharacter("44052418800101001")).isEqualTo('4');
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "110105194912310021",
        "11010519990230123X",
        "191010199001011234",
        "110105194913310028",
        "1101051949123100288",
        "A11010519491231002X",
        "3.11010519491231002X",
        "110105 1949123100 2X",
        "110105 19491231002X",
      })
  void refusesWrongCheckCharactersDatesProvincesAndLongerNumbers(String text) {
    assertThat(texts(detector, text)).isEmpty();
  }
}
