package dev.atrium.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

final class DocumentParserTest {
  private final DocumentParser parser = new DocumentParser(1_000_000);

  private ParsedDocument parse(String text, String fileName) throws IngestionException {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8), fileName, null);
  }

  @Test
  void markdownHeadingsBecomeSectionPaths() throws Exception {
    ParsedDocument doc =
        parse(
            """
            # Returns policy
            Intro line with **bold** and a [link](https://example.com).

            ## Refunds
            - Refunds take *14 days*.

            ```
            # not a heading
            ```
            ### Exceptions
            Opened software is final sale.
            ## 退货
            七天无理由退货。
            """,
            "returns.md");
    assertThat(doc.title()).isEqualTo("Returns policy");
    assertThat(doc.format()).isEqualTo(DocumentFormat.MARKDOWN);
    assertThat(doc.sections())
        .extracting(Section::headings)
        .containsExactly(
            List.of("Returns policy"),
            List.of("Returns policy", "Refunds"),
            List.of("Returns policy", "Refunds", "Exceptions"),
            List.of("Returns policy", "退货"));
    assertThat(doc.sections().get(0).text()).isEqualTo("Intro line with bold and a link.");
    assertThat(doc.sections().get(1).text())
        .contains("Refunds take 14 days.")
        .contains("# not a heading");
  }

  @Test
  void htmlKeepsProseDropsScriptsAndDoesNotRepeatNestedBlocks() throws Exception {
    ParsedDocument doc =
        parse(
            """
            <html><head><title>Delivery</title><script>var secret = 1;</script></head><body>
            <nav>Home | Shop</nav>
            <h1>Delivery</h1><p>We deliver in <b>3 days</b>.</p>
            <h2>Fees</h2><ul><li><p>Free over 50 EUR</p></li><li>Otherwise 4.90 EUR</li></ul>
            <table><tr><th>Zone</th><td>Berlin</td></tr></table>
            </body></html>
            """,
            "delivery.html");
    assertThat(doc.title()).isEqualTo("Delivery");
    assertThat(doc.sections()).hasSize(2);
    String fees = doc.sections().get(1).text();
    assertThat(doc.sections().get(1).headings()).containsExactly("Delivery", "Fees");
    assertThat(fees)
        .containsOnlyOnce("Free over 50 EUR")
        .contains("Otherwise 4.90 EUR")
        .contains("Berlin");
    assertThat(doc.sections().toString()).doesNotContain("secret").doesNotContain("Home | Shop");
  }

  @Test
  void plainTextIsOneSectionOfParagraphs() throws Exception {
    ParsedDocument doc = parse("\uFEFFFirst paragraph.\r\n\r\nSecond paragraph.", "notes.txt");
    assertThat(doc.title()).isEqualTo("notes.txt");
    assertThat(doc.sections())
        .singleElement()
        .satisfies(s -> assertThat(s.text()).isEqualTo("First paragraph.\n\nSecond paragraph."));
  }

  @Test
  void pdfTextIsExtractedPerPage() throws Exception {
    byte[] pdf = pdf("Orders ship within two business days.", "Installation costs 89 euros.");
    ParsedDocument doc = parser.parse(pdf, "guide.pdf", "application/pdf");
    assertThat(doc.sections()).hasSize(2);
    assertThat(doc.sections().get(0).text()).contains("Orders ship within two business days.");
    assertThat(doc.sections().get(1).text()).contains("Installation costs 89 euros.");
  }

  @Test
  void faqCsvAndJsonGiveQuestionAnswerPairs() throws Exception {
    ParsedDocument csv =
        parse(
            "Question,Answer,Topic\n\"How long, roughly, is delivery?\",\"Three days.\nSometimes four.\",shipping\n退货要多久？,七天。,returns\n",
            "faq.csv");
    assertThat(csv.faq())
        .containsExactly(
            new FaqEntry("How long, roughly, is delivery?", "Three days.\nSometimes four."),
            new FaqEntry("退货要多久？", "七天。"));
    ParsedDocument json =
        parse(
            "[{\"question\":\"Do you ship abroad?\",\"answer\":\"Only within the EU.\"}]",
            "faq.json");
    assertThat(json.faq())
        .containsExactly(new FaqEntry("Do you ship abroad?", "Only within the EU."));
  }

  @Test
  void badDocumentsAreRefusedWithStableCodes() throws Exception {
    assertCode(() -> parser.parse(new byte[0], "empty.txt", null), "empty_document");
    assertCode(() -> parse("   \n\n  ", "blank.md"), "empty_document");
    assertCode(() -> parse("data", "image.png"), "unsupported_format");
    assertCode(() -> parser.parse(new byte[2_000_000], "huge.txt", null), "document_too_large");
    assertCode(
        () -> parser.parse(new byte[] {(byte) 0xC3, (byte) 0x28}, "latin.txt", null),
        "malformed_text");
    assertCode(
        () -> parser.parse("%PDF-1.7 broken".getBytes(), "broken.pdf", null), "malformed_pdf");
    assertCode(() -> parse("question,reply\nq,a\n", "faq.csv"), "malformed_csv");
    assertCode(() -> parse("question,answer\n\"unterminated,a\n", "faq.csv"), "malformed_csv");
    assertCode(() -> parse("question,answer\nq,\n", "faq.csv"), "malformed_csv");
    assertCode(() -> parse("question,answer\nq,a,extra\n", "faq.csv"), "malformed_csv");
    assertCode(() -> parse("{\"question\":\"q\"}", "faq.json"), "malformed_json");
    assertCode(() -> parse("[{\"question\":\"q\",\"answer\":7}]", "faq.json"), "malformed_json");
    assertCode(() -> parse("[not json", "faq.json"), "malformed_json");
  }

  @Test
  void formatComesFromContentTypeFirst() {
    assertThat(DocumentFormat.detect("x.bin", "text/markdown; charset=utf-8"))
        .contains(DocumentFormat.MARKDOWN);
    assertThat(DocumentFormat.detect("README.MD", null)).contains(DocumentFormat.MARKDOWN);
    assertThat(DocumentFormat.detect("x", "application/octet-stream")).isEmpty();
  }

  private interface Parse {
    Object run() throws Exception;
  }

  private static void assertCode(Parse parse, String code) {
    assertThatThrownBy(parse::run)
        .isInstanceOf(IngestionException.class)
        .satisfies(e -> assertThat(((IngestionException) e).code()).isEqualTo(code));
  }

  private static byte[] pdf(String... pages) throws Exception {
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String text : pages) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
          stream.beginText();
          stream.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          stream.newLineAtOffset(50, 700);
          stream.showText(text);
          stream.endText();
        }
      }
      document.save(out);
      return out.toByteArray();
    }
  }
}
