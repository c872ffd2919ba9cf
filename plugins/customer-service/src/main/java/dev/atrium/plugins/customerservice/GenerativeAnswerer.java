package dev.atrium.plugins.customerservice;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.KnowledgeHit;
import dev.atrium.plugin.api.inference.ChatMessage;
import dev.atrium.plugin.api.inference.FinishReason;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.Priority;
import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.plugin.api.inference.Sampling;
import dev.atrium.plugin.api.inference.TextLanguage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes an answer with the tenant's generation model from the retrieved passages, then checks that
 * the passages support it ({@link AnswerSupport}). The prompt holds only the numbered passages and
 * the question (with a fixed instruction): no conversation history and nothing else of the
 * tenant's. Sampling is greedy (temperature 0), so the same passages and question give the same
 * answer.
 *
 * <p>It runs in the answer's request, so the host bills the generation's and the check's tokens on
 * the platform's meters with that request.
 */
final class GenerativeAnswerer {
  /**
   * Time kept back from the route's deadline for the check and, if need be, the extractive answer.
   */
  static final Duration RESERVE = Duration.ofSeconds(5);

  private static final String INSTRUCTION =
      "Answer the customer's question using only the numbered passages. Write one to three"
          + " sentences and cite the passages you used like [1]. If the passages do not answer"
          + " the question, say that you do not know.";
  private static final String INSTRUCTION_ZH =
      "请只根据编号的资料回答客户的问题。用一到三句话回答，并用 [1] 这样的编号注明所用的资料。如果资料中没有答案，请说明你不知道。";

  /**
   * A generated answer and what the check found.
   *
   * @param text the answer, cut back to its last full sentence when the token limit cut it
   * @param result what the model returned
   * @param verdict the support check
   */
  record Draft(String text, GenerationResult result, AnswerSupport.Verdict verdict) {

    /**
     * Why the draft must not be given to the customer ({@code empty_answer}, {@code
     * unsupported_number}, {@code unsupported}), or empty when the passages support it.
     */
    Optional<String> refusal(double threshold) {
      if (AnswerSupport.withoutCitations(text).isEmpty()) {
        return Optional.of("empty_answer");
      }
      if (!verdict.unsupportedNumbers().isEmpty()) {
        return Optional.of("unsupported_number");
      }
      return verdict.score() < threshold ? Optional.of("unsupported") : Optional.empty();
    }

    /** How it was generated and checked, for the response. */
    JsonObject report(double threshold) {
      return new JsonObject()
          .put("model", result.modelId())
          .put("finishReason", result.finishReason().name().toLowerCase(Locale.ROOT))
          .put("promptTokens", result.promptTokens())
          .put("completionTokens", result.completionTokens())
          .put("support", Math.round(verdict.score() * 1000) / 1000.0)
          .put("supportThreshold", threshold);
    }
  }

  private final InferenceClient inference;
  private final String tenantId;
  private final Instant deadline;
  private final Future<?> cancelWhen;

  /**
   * @param deadline the route's deadline; generation stops {@link #RESERVE} before it
   * @param cancelWhen completes when the caller is gone (the request's {@code done()})
   */
  GenerativeAnswerer(
      InferenceClient inference, String tenantId, Instant deadline, Future<?> cancelWhen) {
    this.inference = requireNonNull(inference, "inference is null");
    this.tenantId = requireNonNull(tenantId, "tenantId is null");
    this.deadline = requireNonNull(deadline, "deadline is null");
    this.cancelWhen = requireNonNull(cancelWhen, "cancelWhen is null");
  }

  /**
   * Writes and checks an answer to {@code question} from {@code passages}, with {@code model}; a
   * streaming {@code stream} gets the draft's tokens as they are generated.
   */
  Future<Draft> write(
      String model,
      int maxTokens,
      String question,
      List<KnowledgeHit> passages,
      AnswerStream stream) {
    GenerationRequest request =
        new GenerationRequest(
            tenantId,
            Optional.of(model),
            prompt(question, passages),
            Sampling.maxTokens(maxTokens).withTemperature(0),
            Priority.HIGH,
            deadline.minus(RESERVE));
    Future<GenerationResult> generated =
        stream.streaming()
            ? inference.stream(request, (text, index) -> stream.token(text), cancelWhen)
            : inference.generate(request, cancelWhen);
    return generated.compose(
        result -> {
          String text = complete(result.text().strip(), result.finishReason());
          return new AnswerSupport(inference, tenantId)
              .check(text, passages.stream().map(KnowledgeHit::text).toList())
              .map(verdict -> new Draft(text, result, verdict));
        });
  }

  /** The chat the model answers: the instruction, then the numbered passages and the question. */
  static Prompt prompt(String question, List<KnowledgeHit> passages) {
    boolean chinese = TextLanguage.isChinese(question);
    StringBuilder user = new StringBuilder(chinese ? "资料：\n" : "Passages:\n");
    for (int i = 0; i < passages.size(); i++) {
      KnowledgeHit hit = passages.get(i);
      user.append('[').append(i + 1).append("] ");
      hit.question().ifPresent(q -> user.append(q).append(chinese ? " —— " : " - "));
      user.append(hit.text().strip()).append('\n');
    }
    user.append(chinese ? "\n问题：" : "\nQuestion: ").append(question);
    return Prompt.chat(
        List.of(
            ChatMessage.system(chinese ? INSTRUCTION_ZH : INSTRUCTION),
            ChatMessage.user(user.toString())));
  }

  /**
   * The text without a sentence the token limit cut short; a text with no full sentence is kept as
   * it is.
   */
  static String complete(String text, FinishReason finish) {
    if (finish == FinishReason.STOP) {
      return text;
    }
    List<String> sentences = PassageExtractor.sentences(text);
    if (sentences.size() < 2 || endsSentence(text)) {
      return text;
    }
    String last = sentences.get(sentences.size() - 1);
    return text.substring(0, text.lastIndexOf(last)).strip();
  }

  private static boolean endsSentence(String text) {
    return !text.isEmpty() && ".!?。！？".indexOf(text.charAt(text.length() - 1)) >= 0;
  }
}
