package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The descriptor's optional display keys and the internal flag, and what the host refuses. */
class PluginManifestTest {
  private static Properties descriptor(Map<String, String> extra) {
    Properties p = new Properties();
    p.setProperty("plugin.id", "demo");
    p.setProperty("plugin.version", "1.0.0");
    p.setProperty("plugin.class", "com.example.Demo");
    p.setProperty("plugin.requires", ">=1.0.0 & <2.0.0");
    p.setProperty("plugin.description", "A demo");
    extra.forEach(p::setProperty);
    return p;
  }

  @Test
  void readsDisplayNamesAndTranslations() {
    PluginManifest m =
        PluginManifest.parse(
            descriptor(
                Map.of(
                    "plugin.name", " Demo ",
                    "plugin.name.zh", "演示",
                    "plugin.description.zh", "一个演示",
                    "plugin.description.pt-BR", "Uma demonstração")));
    assertThat(m.displayName()).isEqualTo("Demo");
    assertThat(m.translations())
        .containsOnlyKeys("zh", "pt-BR")
        .containsEntry("zh", new PluginManifest.Display("演示", "一个演示"))
        .containsEntry("pt-BR", new PluginManifest.Display("", "Uma demonstração"));
    assertThat(m.internal()).isFalse();
  }

  @Test
  void readsMeterDisplayNamesPerLanguage() {
    PluginManifest m =
        PluginManifest.parse(
            descriptor(
                Map.of(
                    "plugin.meter.answers.zh", " 回答数 ",
                    "plugin.meter.answers.pt-BR", "Respostas",
                    "plugin.meter.pages.zh", "页数",
                    "plugin.meter.empty.zh", " ")));
    assertThat(m.meterNames())
        .containsOnlyKeys("answers", "pages")
        .containsEntry("answers", Map.of("zh", "回答数", "pt-BR", "Respostas"))
        .containsEntry("pages", Map.of("zh", "页数"));
    assertRefused(Map.of("plugin.meter.answers.Chinese!", "x"), "not a language tag");
    assertRefused(Map.of("plugin.meter.answers.zh", "字".repeat(81)), "longer than 80");
  }

  @Test
  void withoutANameTheIdIsShown() {
    PluginManifest m = PluginManifest.parse(descriptor(Map.of()));
    assertThat(m.displayName()).isEqualTo("demo");
    assertThat(m.translations()).isEmpty();
  }

  @Test
  void refusesBadLanguageTagsLongTextsAndABadInternalFlag() {
    assertRefused(Map.of("plugin.name.Chinese!", "x"), "not a language tag");
    assertRefused(Map.of("plugin.name.", "x"), null);
    assertRefused(Map.of("plugin.name", "n".repeat(81)), "plugin.name is longer than 80");
    assertRefused(Map.of("plugin.description.zh", "字".repeat(1001)), "longer than 1000");
    assertRefused(Map.of("plugin.internal", "yes"), "plugin.internal 'yes' must be true or false");
  }

  @Test
  void internalPluginsAreOfferedOnlyWhenListed() {
    PluginManifest template = PluginManifest.parse(descriptor(Map.of("plugin.internal", "true")));
    PluginManifest vertical = PluginManifest.parse(descriptor(Map.of()));
    assertThat(new PluginOffer(Set.of()).offers(template)).isFalse();
    assertThat(new PluginOffer(Set.of()).offers(vertical)).isTrue();
    assertThat(new PluginOffer(Set.of("other")).offers(template)).isFalse();
    assertThat(new PluginOffer(Set.of("demo")).offers(template)).isTrue();
    assertThat(new PluginOffer(Set.of("*")).offers(template)).isTrue();
  }

  private static void assertRefused(Map<String, String> extra, String detail) {
    var thrown =
        assertThatThrownBy(() -> PluginManifest.parse(descriptor(extra)))
            .isInstanceOf(PluginRefusedException.class)
            .hasFieldOrPropertyWithValue("code", "invalid_descriptor");
    if (detail != null) {
      thrown.hasMessageContaining(detail);
    }
  }
}
