package dev.atrium.ingestion;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads HTML into sections by its {@code h1}-{@code h6} headings, keeping the text of paragraphs,
 * list items, table cells, quotes and preformatted blocks; scripts, styles, navigation and forms
 * are dropped.
 */
final class HtmlReader {
  private static final String BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,td,th,pre,blockquote,dt,dd,caption";

  private HtmlReader() {}

  static Document parse(String html) {
    Document document = Jsoup.parse(html);
    document.select("script,style,noscript,nav,form,template,svg,iframe").remove();
    return document;
  }

  static List<Section> read(Document document) {
    SectionCollector sections = new SectionCollector();
    for (Element element : document.body().select(BLOCKS)) {
      if (hasBlockAncestor(element)) {
        continue;
      }
      String tag = element.tagName();
      if (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
        sections.heading(tag.charAt(1) - '0', element.text());
      } else {
        sections.text(element.text());
        sections.paragraphBreak();
      }
    }
    return sections.finish();
  }

  static String title(Document document) {
    String title = document.title();
    if (title.isBlank()) {
      Element h1 = document.selectFirst("h1");
      title = h1 == null ? "" : h1.text();
    }
    return title.isBlank() ? null : title.strip();
  }

  /** True when a block ancestor will already emit this element's text. */
  private static boolean hasBlockAncestor(Element element) {
    for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
      if (parent.is(BLOCKS)) {
        return true;
      }
    }
    return false;
  }
}
