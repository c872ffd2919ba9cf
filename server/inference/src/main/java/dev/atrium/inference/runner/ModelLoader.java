package dev.atrium.inference.runner;

import dev.atrium.inference.catalog.ModelSpec;
import java.util.List;

/**
 * Loads a model's files onto a device: one implementation per engine and task (ONNX Runtime
 * embeddings; a deterministic fake in tests).
 *
 * @param <I> one input item (a text for embeddings)
 * @param <O> one output item (a vector for embeddings)
 */
public interface ModelLoader<I, O> {

  /** The devices {@code auto} means for this engine: each GPU it sees, else {@code cpu}. */
  List<String> autoDevices();

  /**
   * Loads the model once for {@code device}; its workers share it.
   *
   * @param intraOpThreads threads one model call may use, so workers do not oversubscribe cores
   */
  LoadedModel<I, O> load(ModelSpec spec, String device, int intraOpThreads) throws Exception;
}
