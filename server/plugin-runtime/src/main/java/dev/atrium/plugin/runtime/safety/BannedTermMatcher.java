package dev.atrium.plugin.runtime.safety;

import static java.util.Comparator.comparingInt;

import dev.atrium.plugin.api.safety.TermList;
import dev.atrium.plugin.api.safety.TermMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds a tenant's banned terms, and the {@link DefaultLexicon}'s when the list asks for it, in a
 * text folded by {@link TextNormalizer#forTerms} (so full-width and upper-case forms match). A term
 * with Chinese, Japanese or Korean characters matches anywhere, since those scripts put no spaces
 * between words; any other term matches whole words only ("ass" is not found in "class"). The
 * lexicon's findings inside a term the tenant allows, or equal to one, are dropped.
 */
final class BannedTermMatcher {
  private static final Comparator<TermMatch> BY_POSITION =
      comparingInt(TermMatch::start).thenComparing(comparingInt(TermMatch::end).reversed());

  List<TermMatch> find(String text, TermList terms) {
    String folded = TextNormalizer.forTerms(text);
    List<TermMatch> matches = new ArrayList<>();
    for (String term : terms.denied()) {
      for (Span span : occurrences(folded, term)) {
        matches.add(new TermMatch(term, span.start(), span.end(), true));
      }
    }
    if (terms.useDefaultLexicon() && !text.isEmpty()) {
      matches.addAll(lexiconMatches(text, folded, terms.allowed(), List.copyOf(matches)));
    }
    matches.sort(BY_POSITION);
    return List.copyOf(matches);
  }

  private static List<TermMatch> lexiconMatches(
      String text, String folded, List<String> allowed, List<TermMatch> tenantMatches) {
    Set<String> allowedWords =
        allowed.stream().map(BannedTermMatcher::fold).collect(Collectors.toSet());
    List<Span> allowedSpans =
        allowed.stream().flatMap(term -> occurrences(folded, term).stream()).toList();
    List<TermMatch> matches = new ArrayList<>();
    for (Span span : DefaultLexicon.find(text)) {
      String word = folded.substring(span.start(), span.end());
      boolean accepted =
          allowedWords.contains(word) || allowedSpans.stream().anyMatch(a -> a.contains(span));
      boolean listed =
          tenantMatches.stream().anyMatch(m -> m.start() == span.start() && m.end() == span.end());
      if (!accepted && !listed) {
        matches.add(new TermMatch(word, span.start(), span.end(), false));
      }
    }
    return matches;
  }

  /** Where {@code term} occurs in {@code folded}, by the rules above. */
  static List<Span> occurrences(String folded, String term) {
    String wanted = fold(term);
    if (wanted.isEmpty()) {
      return List.of();
    }
    boolean anywhere = wanted.codePoints().anyMatch(BannedTermMatcher::isCjk);
    List<Span> spans = new ArrayList<>();
    for (int at = folded.indexOf(wanted); at >= 0; at = folded.indexOf(wanted, at + 1)) {
      int end = at + wanted.length();
      if (anywhere || isWholeWord(folded, at, end)) {
        spans.add(new Span(at, end));
      }
    }
    return spans;
  }

  private static String fold(String term) {
    return TextNormalizer.forTerms(term.strip()).replaceAll(" {2,}", " ");
  }

  private static boolean isWholeWord(String folded, int start, int end) {
    boolean startsWord = isWordChar(folded.charAt(start));
    boolean endsWord = isWordChar(folded.charAt(end - 1));
    return !(startsWord && start > 0 && isWordChar(folded.charAt(start - 1)))
        && !(endsWord && end < folded.length() && isWordChar(folded.charAt(end)));
  }

  /** A letter or digit of a script that separates words with spaces. */
  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) && !isCjk(c);
  }

  private static boolean isCjk(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }
}
