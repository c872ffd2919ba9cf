package dev.atrium.plugins.content;

import dev.atrium.plugin.api.inference.ChatMessage;
import dev.atrium.plugin.api.inference.Prompt;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The chat a generation model continues: a system message carrying the brand voice (style,
 * glossary, banned terms, reading level, length) in the output's language, then the rendered
 * template or the free brief.
 */
final class Prompts {
  private Prompts() {}

  static Prompt of(String task, String language, BrandVoice voice, boolean json) {
    return Prompt.chat(
        List.of(ChatMessage.system(system(language, voice, json)), ChatMessage.user(task)));
  }

  static String system(String language, BrandVoice voice, boolean json) {
    boolean zh = language.equals("zh");
    StringBuilder s =
        new StringBuilder(
            zh ? "你是品牌的文案撰稿人，用中文写作。" : "You are the brand's copywriter and write in English.");
    if (!voice.styleNotes().isEmpty()) {
      s.append(zh ? "\n风格：" : "\nStyle: ").append(voice.styleNotes());
    }
    if (!voice.glossary().isEmpty()) {
      s.append(zh ? "\n用词：" : "\nPreferred terms: ")
          .append(
              voice.glossary().stream()
                  .map(
                      g ->
                          g.insteadOf().isEmpty()
                              ? g.preferred()
                              : (zh ? "用“" : "use '")
                                  + g.preferred()
                                  + (zh ? "”而不是“" : "' instead of '")
                                  + String.join(zh ? "”、“" : "', '", g.insteadOf())
                                  + (zh ? "”" : "'"))
                  .collect(Collectors.joining(zh ? "；" : "; ")));
    }
    if (!voice.banned().isEmpty()) {
      s.append(zh ? "\n禁止使用：" : "\nNever use: ")
          .append(String.join(zh ? "、" : ", ", voice.banned()));
    }
    s.append(zh ? "\n阅读难度：" : "\nReading level: ").append(level(voice.readingLevel(), zh));
    if (voice.maxWords() > 0) {
      s.append(
          zh
              ? "\n长度：" + voice.minWords() + "到" + voice.maxWords() + "字。"
              : "\nLength: " + voice.minWords() + " to " + voice.maxWords() + " words.");
    }
    if (json) {
      s.append(zh ? "\n只输出 JSON。" : "\nAnswer with JSON only.");
    }
    return s.toString();
  }

  private static String level(String level, boolean zh) {
    return switch (level) {
      case "simple" -> zh ? "通俗易懂，短句。" : "simple words and short sentences.";
      case "advanced" -> zh ? "面向专业读者。" : "for expert readers.";
      default -> zh ? "适合大众读者。" : "for a general audience.";
    };
  }
}
