package dev.atrium.plugin.runtime.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.plugin.api.safety.PiiEntity;
import dev.atrium.plugin.api.safety.PiiType;
import dev.atrium.plugin.api.safety.Redaction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class HostTextSafetyTest {
  private final HostTextSafety safety = new HostTextSafety();

  @Test
  void redactsEveryTypeInChineseTextWithoutSpaces() {
    Redaction redaction =
        safety.redact(
            "张伟，身份证11010519491231002X，手机13812345678，邮箱zw@example.com，"
                + "卡号4111111111111111，IBAN DE89370400440532013000，IP 10.1.2.3");

    assertThat(redaction.text())
        .isEqualTo("张伟，身份证[CN_ID]，手机[PHONE]，邮箱[EMAIL]，卡号[CARD]，IBAN [IBAN]，IP [IP]");
    assertThat(redaction.entities())
        .extracting(PiiEntity::type)
        .containsExactly(
            PiiType.CN_RESIDENT_ID,
            PiiType.PHONE,
            PiiType.EMAIL,
            PiiType.PAYMENT_CARD,
            PiiType.IBAN,
            PiiType.IP_ADDRESS);
  }

  @Test
  void offsetsCountUtf16CharsSoEmojiBeforeAnEntityAreTwoChars() {
    String text = "😀👍🏽 mail jo@example.com 𠀀13812345678";
    List<PiiEntity> found = safety.findPii(text);

    assertThat(found).hasSize(2);
    for (PiiEntity entity : found) {
      assertThat(text.substring(entity.start(), entity.end())).isEqualTo(entity.text());
    }
    assertThat(found.get(0).start()).isEqualTo(text.indexOf("jo@"));
    assertThat(found.get(1).text()).isEqualTo("13812345678");
  }

  @Test
  void overlappingCandidatesLeaveTheLongestAndNeverOverlap() {
    List<PiiEntity> found = safety.findPii("write to 13812345678@qq.com or 11010519491231002X");

    assertThat(found)
        .extracting(PiiEntity::type, PiiEntity::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PiiType.EMAIL, "13812345678@qq.com"),
            org.assertj.core.groups.Tuple.tuple(PiiType.CN_RESIDENT_ID, "11010519491231002X"));
  }

  @Test
  void onlyTheTypesAskedForAreFoundAndRedacted() {
    String text = "call 13812345678 or mail a@example.com";

    assertThat(safety.findPii(text, Set.of(PiiType.EMAIL)))
        .extracting(PiiEntity::text)
        .containsExactly("a@example.com");
    assertThat(safety.redact(text, Set.of(PiiType.PHONE)).text())
        .isEqualTo("call [PHONE] or mail a@example.com");
    assertThat(safety.redact(text, Set.of()).text()).isEqualTo(text);
  }

  @Test
  void emptyAndPlainTextsComeBackUnchanged() {
    assertThat(safety.redact("")).isEqualTo(new Redaction("", List.of()));
    assertThat(safety.redact("没有个人信息的一句话。").entities()).isEmpty();
    assertThatThrownBy(() -> safety.findPii(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aMegabyteOfTextIsScannedCompletely() {
    String line = "订单202612031234 客户13812345678留言：请发到user@example.com，谢谢！🙂\n";
    String text = line.repeat(1_000_000 / line.length() + 1);
    int lines = text.length() / line.length();

    Redaction redaction = safety.redact(text);

    assertThat(redaction.entities()).hasSize(lines * 2);
    assertThat(redaction.text()).doesNotContain("13812345678").doesNotContain("user@example.com");
  }
}
