package dev.atrium.bench;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.atrium.inference.generation.LlamaNatives;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * llama.cpp driven in-process, no HTTP and no pool: one loaded model with {@code slots} parallel
 * slots (continuous batching across them), called from plain threads. The limit the generation pool
 * is measured against. When more threads call than there are slots, llama.cpp queues the extra
 * tasks itself.
 */
final class LlamaBaseline implements AutoCloseable {
  private final LlamaModel model;

  private LlamaBaseline(LlamaModel model) {
    this.model = model;
  }

  /**
   * Loads {@code gguf} on the CPU with one thread per core and {@code slots} slots of {@code
   * contextPerSlot} tokens each (llama.cpp splits the context evenly across its slots).
   */
  static LlamaBaseline load(Path gguf, int slots, int contextPerSlot) {
    LlamaNatives.load();
    return new LlamaBaseline(
        new LlamaModel(
            new ModelParameters()
                .setModel(gguf.toString())
                .setGpuLayers(0)
                .setThreads(Runtime.getRuntime().availableProcessors())
                .setParallel(slots)
                .setCtxSize(contextPerSlot * slots)));
  }

  /**
   * Closed loop: {@code concurrency} threads each generate exactly {@code tokens} tokens (the end
   * of text ignored) from {@code prompt}, then start again, until {@code duration} has passed; each
   * thread generates at least once (a zero duration makes one generation per thread).
   */
  StreamingResult closedLoop(String prompt, int tokens, int concurrency, Duration duration)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    LatencyRecorder recorder = new LatencyRecorder();
    LongAdder generated = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      threads.add(
          Thread.ofPlatform()
              .name("llama-baseline-" + i)
              .start(
                  () -> {
                    do {
                      generate(prompt, tokens, recorder, generated);
                    } while (System.nanoTime() < end);
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new StreamingResult(recorder.result((System.nanoTime() - start) / 1e9), generated.sum());
  }

  private void generate(String prompt, int tokens, LatencyRecorder recorder, LongAdder generated) {
    long started = System.nanoTime();
    LlamaIterator outputs =
        model
            .generate(new InferenceParameters(prompt).setNPredict(tokens).setIgnoreEos(true))
            .iterator();
    long count = 0;
    while (outputs.hasNext()) {
      outputs.next();
      // Every output carries one token except the last, which only closes the stream.
      if (outputs.hasNext()) {
        if (count++ == 0) {
          recorder.record(true, System.nanoTime() - started);
        }
      }
    }
    generated.add(count);
  }

  @Override
  public void close() {
    model.close();
  }
}
