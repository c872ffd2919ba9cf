package dev.atrium.ingestion;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads the text of a PDF, one section per page so chunks never straddle a page break. */
final class PdfReader {
  private PdfReader() {}

  record Result(String title, List<Section> sections) {}

  static Result read(byte[] content) throws IngestionException {
    try (PDDocument document = Loader.loadPDF(content)) {
      PDFTextStripper stripper = new PDFTextStripper();
      SectionCollector sections = new SectionCollector();
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        for (String line : stripper.getText(document).split("\\R")) {
          if (line.isBlank()) {
            sections.paragraphBreak();
          } else {
            sections.text(line);
          }
        }
        sections.heading(1, "");
      }
      String title = document.getDocumentInformation().getTitle();
      return new Result(title == null || title.isBlank() ? null : title.strip(), sections.finish());
    } catch (InvalidPasswordException e) {
      throw new IngestionException("malformed_pdf", "The PDF is password-protected.", e);
    } catch (IOException | RuntimeException e) {
      throw new IngestionException("malformed_pdf", "The file is not a readable PDF.", e);
    }
  }
}
