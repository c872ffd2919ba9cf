package dev.atrium.plugins.customerservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.plugin.api.KnowledgeHit;
import dev.atrium.plugin.api.inference.ChatMessage;
import dev.atrium.plugin.api.inference.FinishReason;
import dev.atrium.plugin.api.inference.Prompt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The pieces of answering that need no server: extraction, follow-ups, intents, validation, the
 * generative answer's prompt and the parts of its support check that need no model.
 */
final class AnsweringPartsTest {

  @Test
  void extractionKeepsTheBestScoredSentencesInPassageOrder() {
    List<String> sentences =
        PassageExtractor.sentences(
            "Our stores open at 9 am. Refunds are issued within 14 days. Gift cards cannot be refunded. Parking is free.");
    assertThat(sentences).hasSize(4);
    assertThat(PassageExtractor.pick(sentences, new double[] {0.1, 0.9, 0.2, 0.8}, 2))
        .isEqualTo("Refunds are issued within 14 days. Parking is free.");
    List<String> chinese = PassageExtractor.sentences("门店九点开门。退款在十四天内完成。停车免费。");
    assertThat(PassageExtractor.pick(chinese, new double[] {0.1, 0.9, 0.5}, 2))
        .isEqualTo("退款在十四天内完成。停车免费。");
  }

  @Test
  void followUpsCarryThePreviousQuestion() {
    Optional<String> previous = Optional.of("How much is delivery to Scotland?");
    assertThat(FollowUps.resolve("and what about Wales?", previous))
        .isEqualTo("How much is delivery to Scotland? and what about Wales?");
    assertThat(FollowUps.resolve("How long does it take?", previous))
        .startsWith("How much is delivery");
    assertThat(
            FollowUps.resolve(
                "Can I return a washing machine that was installed last week?", previous))
        .isEqualTo("Can I return a washing machine that was installed last week?");
    assertThat(FollowUps.resolve("那要多久？", Optional.of("安装费多少钱？"))).isEqualTo("安装费多少钱？ 那要多久？");
    assertThat(FollowUps.resolve("and Wales?", Optional.empty())).isEqualTo("and Wales?");
  }

  @Test
  void theIntentClassifierLearnsSeparableExamplesAndSurvivesJson() {
    List<float[]> vectors =
        List.of(
            new float[] {1, 0, 0},
            new float[] {0.9f, 0.1f, 0},
            new float[] {0, 1, 0},
            new float[] {0.1f, 0.9f, 0},
            new float[] {0, 0, 1},
            new float[] {0, 0.1f, 0.9f});
    IntentClassifier trained =
        IntentClassifier.train(
            List.of("complaint", "cancel", "order"), vectors, new int[] {0, 0, 1, 1, 2, 2});
    IntentClassifier restored =
        IntentClassifier.fromJson(new JsonObject(trained.toJson().encode()));
    IntentClassifier.Prediction prediction = restored.predict(new float[] {0.05f, 0.95f, 0});
    assertThat(prediction.label()).isEqualTo("cancel");
    assertThat(prediction.probability()).isGreaterThan(0.6);
    assertThat(restored.predict(new float[] {0, 0.05f, 0.95f}).label()).isEqualTo("order");
  }

  @Test
  void intentDefinitionsAreCheckedFieldByField() {
    JsonObject ok =
        new JsonObject()
            .put(
                "intents",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "complaint")
                            .put("handoff", true)
                            .put(
                                "examples",
                                new JsonArray().add("I want to complain").add("我要投诉"))));
    assertThat(
            IntentDefinitions.validate(ok)
                .getJsonArray("intents")
                .getJsonObject(0)
                .getBoolean("handoff"))
        .isTrue();
    assertRefused(new JsonObject().put("intents", new JsonArray()));
    assertRefused(new JsonObject().put("intents", "complaint"));
    assertRefused(
        new JsonObject()
            .put(
                "intents",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "x")
                            .put("examples", new JsonArray().add("only one")))));
    assertRefused(
        new JsonObject()
            .put(
                "intents",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "x")
                            .put("handoff", "yes")
                            .put("examples", new JsonArray().add("a").add("b")))));
    JsonObject twice =
        new JsonObject().put("name", "dup").put("examples", new JsonArray().add("a").add("b"));
    assertRefused(new JsonObject().put("intents", new JsonArray().add(twice).add(twice.copy())));
    assertRefused(
        new JsonObject().put("intents", new JsonArray().add(twice.copy().put("colour", "red"))));
  }

  private static void assertRefused(JsonObject body) {
    assertThatThrownBy(() -> IntentDefinitions.validate(body))
        .isInstanceOf(Bodies.Refusal.class)
        .satisfies(e -> assertThat(((Bodies.Refusal) e).response.status()).isEqualTo(400));
  }

  @Test
  void theGenerationPromptHoldsOnlyTheNumberedPassagesAndTheQuestion() {
    List<KnowledgeHit> passages =
        List.of(
            hit("Refunds are issued within 14 days.", Optional.empty()),
            hit("Yes, within 30 days.", Optional.of("Can I return an item?")));
    Prompt.Chat chat =
        (Prompt.Chat) GenerativeAnswerer.prompt("How long do refunds take?", passages);
    assertThat(chat.messages()).extracting(ChatMessage::role).containsExactly("system", "user");
    assertThat(chat.messages().get(1).content())
        .isEqualTo(
            "Passages:\n[1] Refunds are issued within 14 days.\n"
                + "[2] Can I return an item? - Yes, within 30 days.\n"
                + "\nQuestion: How long do refunds take?");
    Prompt.Chat chinese =
        (Prompt.Chat)
            GenerativeAnswerer.prompt("退款要多久？", List.of(hit("十四天内退款。", Optional.empty())));
    assertThat(chinese.messages().get(0).content()).contains("只根据编号的资料");
    assertThat(chinese.messages().get(1).content()).isEqualTo("资料：\n[1] 十四天内退款。\n\n问题：退款要多久？");
  }

  @Test
  void anAnswerCutByItsTokenLimitEndsAtItsLastFullSentence() {
    assertThat(
            GenerativeAnswerer.complete(
                "Refunds take 14 days. They go back to the", FinishReason.LENGTH))
        .isEqualTo("Refunds take 14 days.");
    assertThat(GenerativeAnswerer.complete("Refunds take 14 days. Cards", FinishReason.STOP))
        .isEqualTo("Refunds take 14 days. Cards");
    assertThat(GenerativeAnswerer.complete("Refunds take", FinishReason.LENGTH))
        .isEqualTo("Refunds take");
    assertThat(GenerativeAnswerer.complete("退款需要十四天。退款会退回", FinishReason.DEADLINE))
        .isEqualTo("退款需要十四天。");
  }

  @Test
  void figuresTheAnswerStatesMustAppearInThePassages() {
    List<String> passages = List.of("We refund within 14 days.", "Delivery costs 4.99 pounds.");
    assertThat(
            AnswerSupport.unsupportedNumbers(
                "Refunds take 14 days [1] and cost 4.99 [2].", passages))
        .isEmpty();
    assertThat(AnswerSupport.unsupportedNumbers("Refunds take 30 days or 14 days.", passages))
        .containsExactly("30");
    assertThat(AnswerSupport.withoutCitations("Refunds take 14 days [1]. Delivery is 4.99 [1, 2]."))
        .isEqualTo("Refunds take 14 days. Delivery is 4.99.");
  }

  private static KnowledgeHit hit(String text, Optional<String> question) {
    return new KnowledgeHit("doc", "Doc", "doc#0", List.of(), text, question, 0.8f);
  }
}
