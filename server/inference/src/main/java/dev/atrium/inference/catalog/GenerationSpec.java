package dev.atrium.inference.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a generation model needs beyond the pool settings.
 *
 * @param contextLength tokens one request may use, prompt and completion together; every slot gets
 *     a context this long
 * @param gpuLayers layers offloaded to a GPU device ({@code -1}: all of them); ignored on the CPU
 * @param chatTemplate a template to use instead of the one in the model file: a name llama.cpp
 *     knows ({@code chatml}, {@code llama3}, ...) or a Jinja template
 */
public record GenerationSpec(int contextLength, int gpuLayers, Optional<String> chatTemplate) {

  public GenerationSpec {
    requireNonNull(chatTemplate, "chatTemplate is null");
    if (contextLength < 16) {
      throw new CatalogConfigException("context_length must be at least 16, got " + contextLength);
    }
    if (gpuLayers < -1) {
      throw new CatalogConfigException("gpu_layers must be -1 (all) or more, got " + gpuLayers);
    }
  }
}
