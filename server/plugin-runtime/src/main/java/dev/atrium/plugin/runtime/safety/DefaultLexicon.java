package dev.atrium.plugin.runtime.safety;

import com.github.houbb.sensitive.word.api.IWordResult;
import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import java.util.List;

/**
 * The maintained Chinese and English moderation lexicon ({@code com.github.houbb:sensitive-word},
 * its default deny and allow lists). Built once per JVM on first use (about 0.4 s and 48 MB of
 * heap), then shared: every plugin context and tenant reads the same instance. Only words are
 * matched; the library's number, e-mail, URL and IPv4 checks are off, since personal data is the
 * PII detectors' job.
 */
final class DefaultLexicon {
  private DefaultLexicon() {}

  private static final class Shared {
    static final SensitiveWordBs WORDS =
        SensitiveWordBs.newInstance()
            .enableWordCheck(true)
            .enableNumCheck(false)
            .enableEmailCheck(false)
            .enableUrlCheck(false)
            .enableIpv4Check(false)
            .init();
  }

  /** The spans of {@code text} the lexicon flags, in order of position. */
  static List<Span> find(String text) {
    return Shared.WORDS.findAll(text, WordResultHandlers.raw()).stream()
        .map(DefaultLexicon::span)
        .toList();
  }

  private static Span span(IWordResult result) {
    return new Span(result.startIndex(), result.endIndex());
  }
}
