package dev.atrium.plugin.runtime.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.safety.TermList;
import dev.atrium.plugin.api.safety.TermMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

final class BannedTermsTest {
  private final HostTextSafety safety = new HostTextSafety();

  @Test
  void englishTermsMatchWholeWordsInAnyCaseAndWidth() {
    TermList terms = TermList.of(List.of("cheap", "Acme Corp"));

    List<TermMatch> found =
        safety.findBannedTerms("CHEAP deals from ａｃｍｅ corp, not cheaply or acmecorp", terms);

    assertThat(found)
        .extracting(TermMatch::term, TermMatch::start, TermMatch::end, TermMatch::fromTenantList)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cheap", 0, 5, true),
            org.assertj.core.groups.Tuple.tuple("Acme Corp", 17, 26, true));
  }

  @Test
  void chineseTermsMatchAsSubstringsAndLatinTermsNextToHanzi() {
    TermList terms = TermList.of(List.of("竞品", "iPhone"));

    List<TermMatch> found = safety.findBannedTerms("这款比竞品好，买iPhone吧", terms);

    assertThat(found).extracting(TermMatch::term).containsExactly("竞品", "iPhone");
  }

  @Test
  void theDefaultLexiconFlagsWordsUnlessTheTenantAllowsThem() {
    String text = "我们在招聘兼职，刷单返利";

    List<TermMatch> flagged =
        safety.findBannedTerms(text, new TermList(List.of(), List.of(), true));
    List<TermMatch> allowed =
        safety.findBannedTerms(text, new TermList(List.of(), List.of("招聘兼职"), true));

    assertThat(flagged).extracting(TermMatch::term).contains("兼职", "刷单");
    assertThat(flagged).allMatch(m -> !m.fromTenantList());
    assertThat(allowed).extracting(TermMatch::term).containsExactly("刷单");
  }

  @Test
  void aTermOnBothListsIsReportedOnceAsTheTenants() {
    List<TermMatch> found =
        safety.findBannedTerms("刷单", new TermList(List.of("刷单"), List.of(), true));

    assertThat(found).singleElement().satisfies(m -> assertThat(m.fromTenantList()).isTrue());
  }

  @Test
  void withoutTheLexiconOnlyTheTenantListCounts() {
    assertThat(safety.findBannedTerms("刷单 and shit", TermList.of(List.of()))).isEmpty();
    assertThat(safety.findBannedTerms("", new TermList(List.of("x"), List.of(), true))).isEmpty();
    assertThat(safety.findBannedTerms("text", TermList.of(List.of("  ", "")))).isEmpty();
  }
}
