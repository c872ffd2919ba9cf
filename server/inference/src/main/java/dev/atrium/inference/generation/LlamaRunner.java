package dev.atrium.inference.generation;

import static java.util.Objects.requireNonNull;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.Pair;
import dev.atrium.inference.runner.Computed;
import dev.atrium.inference.runner.ModelRunner;
import dev.atrium.plugin.api.inference.ChatMessage;
import dev.atrium.plugin.api.inference.ContextLengthExceededException;
import dev.atrium.plugin.api.inference.FinishReason;
import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.plugin.api.inference.Sampling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One worker's llama.cpp slot: renders the prompt, checks it fits the context, streams the tokens
 * to the request's sink and stops within a token of being cancelled or passing its deadline.
 *
 * <p>Chat prompts go through the model file's chat template (llama.cpp falls back to ChatML when
 * the file has none); every system message is joined, in order, into the one system turn that
 * llama.cpp's template call accepts. The prompt's token count is the tokenizer's count plus the
 * beginning-of-sequence token llama.cpp adds.
 */
final class LlamaRunner implements ModelRunner<GenerationInput, GenerationOutput> {

  private final String modelId;
  private final LlamaModel model;
  private final int contextLength;

  LlamaRunner(String modelId, LlamaModel model, int contextLength) {
    this.modelId = requireNonNull(modelId, "modelId is null");
    this.model = requireNonNull(model, "model is null");
    this.contextLength = contextLength;
  }

  @Override
  public List<Computed<GenerationOutput>> run(List<GenerationInput> inputs) {
    List<Computed<GenerationOutput>> outputs = new ArrayList<>(inputs.size());
    for (GenerationInput input : inputs) {
      GenerationOutput output = generate(input);
      outputs.add(new Computed<>(output, output.promptTokens() + output.completionTokens()));
    }
    return outputs;
  }

  /** Nothing to free: the slot belongs to the shared model, which its handle closes. */
  @Override
  public void close() {}

  private GenerationOutput generate(GenerationInput input) {
    String prompt = render(input.prompt());
    int promptTokens = model.encode(prompt).length + 1;
    if (promptTokens >= contextLength) {
      throw new ContextLengthExceededException(modelId, promptTokens, contextLength);
    }
    int maxTokens = Math.min(input.sampling().maxTokens(), contextLength - promptTokens);
    InferenceParameters parameters = parameters(prompt, input.sampling(), maxTokens);
    input.grammar().ifPresent(parameters::setGrammar);
    StringBuilder text = new StringBuilder();
    int tokens = 0;
    FinishReason reason = null;
    LlamaIterator stream = model.generate(parameters).iterator();
    try {
      while (reason == null && stream.hasNext()) {
        LlamaOutput output = stream.next();
        text.append(output.text);
        if (stream.hasNext()) {
          input.sink().token(output.text, tokens++);
        } else if (!output.text.isEmpty()) {
          // The closing message carries text held back while it might have begun a stop string.
          input.sink().token(output.text, tokens);
        }
        reason = input.stop().reason().orElse(null);
      }
    } finally {
      if (stream.hasNext()) {
        stream.cancel(); // on this thread: cancelling from another one hangs in native code
      }
    }
    if (reason == null) {
      reason = tokens >= maxTokens ? FinishReason.LENGTH : FinishReason.STOP;
    }
    return new GenerationOutput(text.toString(), reason, promptTokens, tokens);
  }

  private InferenceParameters parameters(String prompt, Sampling sampling, int maxTokens) {
    InferenceParameters parameters =
        new InferenceParameters(prompt)
            .setNPredict(maxTokens)
            .setTemperature((float) sampling.temperature())
            .setTopP((float) sampling.topP())
            .setTopK(0) // OpenAI semantics: temperature and top_p only
            .setMinP(0)
            .setPresencePenalty((float) sampling.presencePenalty())
            .setFrequencyPenalty((float) sampling.frequencyPenalty());
    if (sampling.seed().isPresent()) {
      // A slot that reuses a cached prompt computes its first logits in a different batch shape,
      // which can flip a near-tie: a seeded request is evaluated afresh so it repeats exactly.
      parameters.setSeed((int) sampling.seed().getAsLong()).setCachePrompt(false);
    }
    if (!sampling.stop().isEmpty()) {
      parameters.setStopStrings(sampling.stop().toArray(String[]::new));
    }
    if (!sampling.logitBias().isEmpty()) {
      Map<Integer, Float> bias = new HashMap<>();
      sampling.logitBias().forEach((token, value) -> bias.put(token, value.floatValue()));
      parameters.setTokenIdBias(bias);
    }
    return parameters;
  }

  private String render(Prompt prompt) {
    return switch (prompt) {
      case Prompt.Text text -> text.text();
      case Prompt.Chat chat -> {
        String system =
            chat.messages().stream()
                .filter(m -> m.role().equals("system"))
                .map(ChatMessage::content)
                .collect(Collectors.joining("\n\n"));
        List<Pair<String, String>> turns =
            chat.messages().stream()
                .filter(m -> !m.role().equals("system"))
                .map(m -> new Pair<>(m.role(), m.content()))
                .toList();
        yield model.applyTemplate(
            new InferenceParameters("")
                .setMessages(Optional.of(system).filter(s -> !s.isEmpty()).orElse(null), turns));
      }
    };
  }
}
