package dev.atrium.inference.runner;

import java.util.List;

/**
 * One worker's handle on a loaded model. Used by one thread only. A runner that throws is discarded
 * with its worker; a new worker gets a new runner.
 */
public interface ModelRunner<I, O> extends AutoCloseable {

  /** Computes one batch: exactly one output per input, in input order. */
  List<Computed<O>> run(List<I> inputs) throws Exception;

  @Override
  void close();
}
