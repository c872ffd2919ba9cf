package dev.atrium.inference.runner;

import java.util.List;

/** A model loaded on one device, shared by that device's workers; closing frees it. */
public interface LoadedModel<I, O> extends AutoCloseable {

  /** A runner for one worker thread (it owns state that is not thread-safe, e.g. a Predictor). */
  ModelRunner<I, O> newRunner() throws Exception;

  /** A small input computed once at load so the first real request does not pay for warm-up. */
  List<I> warmUpInput();

  /**
   * Refuses a request's inputs before they are queued, so that one bad request cannot fail a batch
   * it shares with others; nothing to check by default.
   *
   * @throws dev.atrium.plugin.api.inference.InvalidInputException naming what is wrong
   */
  default void validate(List<I> inputs) {}

  @Override
  void close();
}
