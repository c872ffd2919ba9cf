package dev.atrium.inference.generation;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.plugin.api.inference.Sampling;
import java.time.Instant;
import java.util.Optional;

/**
 * One generation as the pool queues it: what to continue, how to sample, where its tokens go and
 * what stops it.
 *
 * @param grammar the llama.cpp grammar built from the sampling's JSON schema ({@link JsonGrammar})
 * @param sink receives each token's text on the generating thread; must not block
 */
public record GenerationInput(
    Prompt prompt, Sampling sampling, Optional<String> grammar, TokenSink sink, StopSignal stop) {

  /** Receives generated text on the generating thread. */
  @FunctionalInterface
  public interface TokenSink {
    TokenSink NONE = (text, index) -> {};

    void token(String text, int index);
  }

  public GenerationInput {
    requireNonNull(prompt, "prompt is null");
    requireNonNull(sampling, "sampling is null");
    requireNonNull(grammar, "grammar is null");
    requireNonNull(sink, "sink is null");
    requireNonNull(stop, "stop is null");
  }

  /** The input for {@code sampling}, its JSON schema (if any) turned into a grammar. */
  public static GenerationInput of(
      Prompt prompt, Sampling sampling, TokenSink sink, StopSignal stop) {
    return new GenerationInput(
        prompt, sampling, sampling.jsonSchema().map(JsonGrammar::fromSchema), sink, stop);
  }

  /** A one-token generation of {@code text}, nobody listening: warms a model up. */
  static GenerationInput warmUp(String text) {
    return new GenerationInput(
        Prompt.text(text),
        Sampling.maxTokens(1),
        Optional.empty(),
        TokenSink.NONE,
        new StopSignal(Instant.now().plusSeconds(60)));
  }
}
