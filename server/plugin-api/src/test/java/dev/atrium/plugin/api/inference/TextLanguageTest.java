package dev.atrium.plugin.api.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class TextLanguageTest {

  @Test
  void chineseWhenAtLeastAThirdOfTheLettersAreHan() {
    assertThat(TextLanguage.isChinese("我的订单在哪里？")).isTrue();
    // 4 Han of 7 letters.
    assertThat(TextLanguage.isChinese("订单状态 ABC")).isTrue();
    // 2 Han of 21 letters: an English sentence quoting a word.
    assertThat(TextLanguage.isChinese("Please translate 你好 into English")).isFalse();
    assertThat(TextLanguage.isChinese("Where is my order?")).isFalse();
  }

  @Test
  void textWithoutLettersIsEnglish() {
    assertThat(TextLanguage.isChinese("")).isFalse();
    assertThat(TextLanguage.isChinese("12345 !?")).isFalse();
    assertThat(TextLanguage.of(List.of("  "))).isEqualTo(TextLanguage.ENGLISH);
  }

  @Test
  void aRequestIsDecidedAsAWhole() {
    assertThat(TextLanguage.of(List.of("退货政策是什么", "运费多少"))).isEqualTo(TextLanguage.CHINESE);
    // One short Chinese text among long English ones: the request goes to the English model.
    assertThat(TextLanguage.of(List.of("Shipping takes three to five working days", "运费")))
        .isEqualTo(TextLanguage.ENGLISH);
  }
}
