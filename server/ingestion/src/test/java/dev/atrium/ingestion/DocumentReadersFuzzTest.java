package dev.atrium.ingestion;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fuzz tests of the document readers: whatever the bytes, a reader either reads them or refuses
 * them with an {@link IngestionException}; any other exception or error is a crash. Under {@code
 * ./mvnw verify} each method runs its seeds ({@code src/test/resources/.../
 * DocumentReadersFuzzTestInputs/<method>/}, one file per seed, every crash found included) as a
 * regression test. To fuzz one reader for its {@code maxDuration}: {@code JAZZER_FUZZ=1 ./mvnw test
 * -pl server/ingestion -Dtest=DocumentReadersFuzzTest#pdf}; a crash lands in that folder as {@code
 * crash-<sha1>}: keep it as a seed and fix the reader.
 */
final class DocumentReadersFuzzTest {
  private static final DocumentParser PARSER = new DocumentParser(1 << 20);
  private static final Chunker CHUNKER = new Chunker(128);

  /** PDFBox logs every repair it makes, stack traces included: fuzzing would mostly log. */
  private static final Logger PDFBOX = Logger.getLogger("org.apache.pdfbox");

  static {
    PDFBOX.setLevel(Level.OFF);
  }

  @FuzzTest(maxDuration = "5m")
  void pdf(byte[] content) {
    read(content, "guide.pdf");
  }

  @FuzzTest(maxDuration = "5m")
  void html(byte[] content) {
    read(content, "page.html");
  }

  @FuzzTest(maxDuration = "5m")
  void faqCsv(byte[] content) {
    read(content, "faq.csv");
  }

  @FuzzTest(maxDuration = "5m")
  void faqJson(byte[] content) {
    read(content, "faq.json");
  }

  private static void read(byte[] content, String fileName) {
    try {
      CHUNKER.chunk(PARSER.parse(content, fileName, null).sections());
    } catch (IngestionException refused) {
      // The typed refusal: what a reader must do with bytes it cannot read.
    }
  }
}
