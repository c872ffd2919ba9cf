package dev.atrium.ingestion;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Markdown into sections by its ATX headings ({@code #} to {@code ######}), ignoring
 * heading-like lines inside fenced code, and strips inline syntax (emphasis, links, images, code
 * marks, list and quote markers) so only the words are embedded.
 */
final class MarkdownReader {
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|_|`|~~)");
  private static final Pattern LIST_MARKER = Pattern.compile("^\\s*([-*+>]|\\d+[.)])\\s+");

  private MarkdownReader() {}

  static List<Section> read(String markdown) {
    SectionCollector sections = new SectionCollector();
    boolean inFence = false;
    for (String line : markdown.split("\n", -1)) {
      if (FENCE.matcher(line).find()) {
        inFence = !inFence;
        continue;
      }
      Matcher heading = inFence ? null : HEADING.matcher(line);
      if (heading != null && heading.matches()) {
        sections.heading(heading.group(1).length(), inline(heading.group(2)));
      } else if (line.isBlank()) {
        sections.paragraphBreak();
      } else {
        sections.text(inFence ? line : inline(LIST_MARKER.matcher(line).replaceFirst("")));
      }
    }
    return sections.finish();
  }

  private static String inline(String text) {
    String plain = IMAGE.matcher(text).replaceAll("$1");
    plain = LINK.matcher(plain).replaceAll("$1");
    return EMPHASIS.matcher(plain).replaceAll("").strip();
  }

  /** A first-level heading, if the document has one: its title. */
  static String title(String markdown) {
    for (String line : markdown.split("\n")) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches() && heading.group(1).length() == 1) {
        return inline(heading.group(2));
      }
    }
    return null;
  }
}
