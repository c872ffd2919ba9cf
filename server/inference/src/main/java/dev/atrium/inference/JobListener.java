package dev.atrium.inference;

import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.Usage;
import java.util.List;

/** Receives the outcome of a job exactly once, on a pool thread. Must not block. */
interface JobListener<O> {

  void succeeded(List<O> outputs, Usage usage);

  void failed(InferenceException failure);
}
