package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.Priority;
import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.plugin.api.inference.Sampling;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes variants on the shared generation pool and enforces the brand voice after generation: an
 * output holding a banned term is written again with another seed, up to the tenant's {@code
 * maxRegenerations}, and is flagged (never passed as clean) when every attempt held one.
 */
final class Writer {
  /** A seed step between attempts and variants, so each gets a different text. */
  private static final long SEED_STEP = 104_729;

  /**
   * What to write.
   *
   * @param prompt the chat, voice included
   * @param sampling token limit, temperature and the output's JSON schema, if any
   * @param model the model; empty for the platform's default
   * @param shape the output's shape and character limit
   */
  record Task(
      Prompt prompt,
      Sampling sampling,
      Optional<String> model,
      OutputShape shape,
      BrandVoice voice,
      ContentSettings settings) {}

  /** Receives a streamed variant's tokens, tagged with the variant and attempt. */
  interface Listener {
    void token(int variant, int attempt, String text);

    /** An attempt was refused (its banned terms) and is being written again. */
    void retry(int variant, int attempt, Moderation.Verdict verdict);
  }

  private final InferenceClient inference;
  private final Moderation moderation;
  private final String tenantId;
  private final Instant deadline;
  private final Future<?> cancelWhen;

  Writer(
      InferenceClient inference,
      Moderation moderation,
      String tenantId,
      Instant deadline,
      Future<?> cancelWhen) {
    this.inference = requireNonNull(inference, "inference is null");
    this.moderation = requireNonNull(moderation, "moderation is null");
    this.tenantId = requireNonNull(tenantId, "tenantId is null");
    this.deadline = requireNonNull(deadline, "deadline is null");
    this.cancelWhen = requireNonNull(cancelWhen, "cancelWhen is null");
  }

  /** Writes variant {@code index} from {@code seed}; {@code listener} may be null. */
  Future<Variant> write(Task task, int index, long seed, Listener listener) {
    return attempt(task, index, seed, 1, 0, 0, listener);
  }

  private Future<Variant> attempt(
      Task task,
      int index,
      long seed,
      int attempt,
      long promptTokens,
      long completionTokens,
      Listener listener) {
    Sampling sampling = task.sampling().withSeed(seed + index * 7919L + (attempt - 1) * SEED_STEP);
    GenerationRequest request =
        new GenerationRequest(
            tenantId, task.model(), task.prompt(), sampling, Priority.NORMAL, deadline);
    Future<GenerationResult> generated =
        listener == null
            ? inference.generate(request, cancelWhen)
            : inference.stream(
                request, (text, i) -> listener.token(index, attempt, text), cancelWhen);
    return generated.compose(
        result -> {
          long prompt = promptTokens + result.promptTokens();
          long written = completionTokens + result.completionTokens();
          String text = result.text().strip();
          boolean truncated = false;
          int limit = task.shape().maxChars();
          if (limit > 0 && text.length() > limit) {
            text = cut(text, limit);
            truncated = true;
          }
          Moderation.Verdict verdict =
              moderation.check(text, task.voice(), task.settings().useDefaultLexicon());
          if (verdict.status() == Moderation.Status.FLAGGED
              && attempt <= task.settings().maxRegenerations()) {
            if (listener != null) {
              listener.retry(index, attempt, verdict);
            }
            return attempt(task, index, seed, attempt + 1, prompt, written, listener);
          }
          return Future.succeededFuture(
              new Variant(
                  index,
                  text,
                  task.shape().isJson() ? parse(text) : Optional.empty(),
                  result.modelId(),
                  result.finishReason(),
                  attempt,
                  verdict,
                  truncated,
                  prompt,
                  written));
        });
  }

  /** {@code text} cut to at most {@code limit} chars, at the last sentence or word end if any. */
  static String cut(String text, int limit) {
    String head = text.substring(0, limit);
    int sentence = Math.max(head.lastIndexOf(". "), head.lastIndexOf('。'));
    sentence = Math.max(sentence, Math.max(head.lastIndexOf('！'), head.lastIndexOf('？')));
    if (sentence >= limit / 2) {
      return head.substring(0, sentence + 1).strip();
    }
    int space = head.lastIndexOf(' ');
    return (space >= limit / 2 ? head.substring(0, space) : head).strip();
  }

  private static Optional<Object> parse(String text) {
    try {
      return Optional.ofNullable(Json.decodeValue(text));
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }
}
