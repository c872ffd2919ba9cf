package dev.atrium.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ChunkerTest {

  @Test
  void splitsEnglishAndChineseSentences() {
    assertThat(Sentences.split("Returns are free. Refunds take 14 days! Really? Yes"))
        .containsExactly("Returns are free.", "Refunds take 14 days!", "Really?", "Yes");
    assertThat(Sentences.split("退货免费。退款需要14天！真的吗？是的"))
        .containsExactly("退货免费。", "退款需要14天！", "真的吗？", "是的");
    assertThat(Sentences.split("Version 2.5 is out.\n\nNew paragraph"))
        .containsExactly("Version 2.5 is out.", "New paragraph");
    assertThat(Sentences.split("他说：“好的。”然后走了。")).containsExactly("他说：“好的。”", "然后走了。");
  }

  @Test
  void estimatesTokensPerCjkCharacterAndPerWord() {
    assertThat(Sentences.estimateTokens("退货免费")).isEqualTo(4);
    assertThat(Sentences.estimateTokens("ten words here")).isEqualTo(4);
  }

  @Test
  void chunksStayWithinTheLimitEndOnSentencesAndNeverCrossHeadings() {
    String english = "The warranty lasts two years from delivery. ".repeat(30);
    String chinese = "保修期为自交货之日起两年。".repeat(40);
    List<Chunk> chunks =
        new Chunker(64)
            .chunk(
                List.of(
                    new Section(List.of("Warranty"), english),
                    new Section(List.of("保修", "期限"), chinese)));
    assertThat(chunks).hasSizeGreaterThan(4);
    for (Chunk chunk : chunks) {
      assertThat(Sentences.estimateTokens(chunk.text())).isLessThanOrEqualTo(64);
      assertThat(chunk.text()).matches("(?s).*[.。]$");
      assertThat(chunk.headings()).isIn(List.of("Warranty"), List.of("保修", "期限"));
      assertThat(chunk.text().contains("warranty") && chunk.text().contains("保修")).isFalse();
    }
    assertThat(chunks.get(0).contextualText()).startsWith("Warranty\nThe warranty");
    assertThat(chunks)
        .extracting(Chunk::index)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, chunks.size()).boxed().toList());
  }

  @Test
  void consecutiveChunksShareASentence() {
    String text =
        "Alpha one is first. Beta two is second. Gamma three is third. Delta four is fourth.";
    List<Chunk> chunks = new Chunker(16).chunk(List.of(new Section(List.of(), text)));
    assertThat(chunks).hasSizeGreaterThan(1);
    String lastOfFirst = Sentences.split(chunks.get(0).text()).getLast();
    assertThat(chunks.get(1).text()).startsWith(lastOfFirst);
  }

  @Test
  void aSentenceLongerThanAChunkIsCut() {
    String endless = "word ".repeat(500);
    List<Chunk> chunks = new Chunker(32).chunk(List.of(new Section(List.of(), endless)));
    assertThat(chunks).hasSizeGreaterThan(10);
    chunks.forEach(c -> assertThat(Sentences.estimateTokens(c.text())).isLessThanOrEqualTo(32));
    String wall = "字".repeat(500);
    assertThat(new Chunker(32).chunk(List.of(new Section(List.of(), wall))))
        .allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(32));
  }
}
