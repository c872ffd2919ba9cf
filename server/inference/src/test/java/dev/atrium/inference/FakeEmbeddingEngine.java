package dev.atrium.inference;

import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.inference.runner.Computed;
import dev.atrium.inference.runner.LoadedModel;
import dev.atrium.inference.runner.ModelLoader;
import dev.atrium.inference.runner.ModelRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic embedding engine without DJL: vector = [text length, 1], tokens = words. It
 * records every batch it computes, can be held closed (runs wait on a gate), slowed down, and
 * throws on the text "boom".
 */
final class FakeEmbeddingEngine implements ModelLoader<String, float[]> {

  static final String ENGINE = "fake";
  static final String CRASH = "boom";
  private static final List<String> WARM_UP = List.of("warm up");

  private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
  private final List<List<String>> started = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger runners = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile Duration delay = Duration.ZERO;

  /** Makes every model call wait until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  void delay(Duration perBatch) {
    delay = perBatch;
  }

  /** The batches that reached the model so far (warm-up excluded), in the order they arrived. */
  List<List<String>> started() {
    synchronized (started) {
      return List.copyOf(started);
    }
  }

  /** The batches computed so far (warm-up excluded), in order. */
  List<List<String>> batches() {
    synchronized (batches) {
      return List.copyOf(batches);
    }
  }

  List<String> computedTexts() {
    return batches().stream().flatMap(List::stream).toList();
  }

  int runnersCreated() {
    return runners.get();
  }

  @Override
  public List<String> autoDevices() {
    return List.of("cpu");
  }

  @Override
  public LoadedModel<String, float[]> load(ModelSpec spec, String device, int intraOpThreads) {
    return new LoadedModel<>() {
      @Override
      public ModelRunner<String, float[]> newRunner() {
        runners.incrementAndGet();
        return new FakeRunner();
      }

      @Override
      public List<String> warmUpInput() {
        return WARM_UP;
      }

      @Override
      public void close() {}
    };
  }

  private final class FakeRunner implements ModelRunner<String, float[]> {
    @Override
    public List<Computed<float[]>> run(List<String> inputs) throws Exception {
      if (inputs.equals(WARM_UP)) {
        return inputs.stream().map(FakeEmbeddingEngine::embed).toList();
      }
      started.add(List.copyOf(inputs));
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
      Thread.sleep(delay);
      if (inputs.contains(CRASH)) {
        throw new IllegalStateException("fake model crashed");
      }
      batches.add(List.copyOf(inputs));
      return inputs.stream().map(FakeEmbeddingEngine::embed).toList();
    }

    @Override
    public void close() {}
  }

  private static Computed<float[]> embed(String text) {
    return new Computed<>(new float[] {text.length(), 1}, text.split(" ").length);
  }
}
