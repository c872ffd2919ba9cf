package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.PluginContext;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@link Calibration} on a course's answer history in a background job with progress: reads
 * every learner's history, estimates the parameters of items with enough answers, and writes them
 * back. Started on request, and again by itself once {@code recalibrateEvery} new answers arrived
 * (counted in memory: a restart starts the count again). One job per course at a time.
 */
final class ItemCalibrator {
  /** Items with fewer answers keep their parameters. */
  static final int MIN_ANSWERS = 20;

  private final PluginContext context;
  private final TutoringStore.Cache cache;
  private final Map<String, String> running = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> sinceLast = new ConcurrentHashMap<>();

  ItemCalibrator(PluginContext context, TutoringStore.Cache cache) {
    this.context = context;
    this.cache = cache;
  }

  /** Counts one answer; starts a calibration when enough arrived since the last one. */
  void answered(String tenantId, String courseId, int recalibrateEvery) {
    long count =
        sinceLast
            .computeIfAbsent(tenantId + "/" + courseId, k -> new AtomicLong())
            .incrementAndGet();
    if (recalibrateEvery > 0 && count >= recalibrateEvery) {
      start(tenantId, courseId);
    }
  }

  /** Starts a calibration of the course, or answers the one already running. */
  JobStatus start(String tenantId, String courseId) {
    String key = tenantId + "/" + courseId;
    Optional<JobStatus> current =
        Optional.ofNullable(running.get(key))
            .flatMap(context.scheduler()::status)
            .filter(s -> s.state() == JobStatus.State.RUNNING);
    if (current.isPresent()) {
      return current.get();
    }
    sinceLast.computeIfAbsent(key, k -> new AtomicLong()).set(0);
    JobStatus job =
        context
            .scheduler()
            .submit(
                tenantId,
                "calibrate " + courseId,
                progress -> {
                  TutoringStore store =
                      new TutoringStore(context.tenant(tenantId).documents(), cache, tenantId);
                  progress.update(0.02, "reading answers");
                  List<Item> items = store.items(courseId).await();
                  Map<String, LearnerState> states = store.states(courseId).await();
                  Map<String, Integer> index = new HashMap<>();
                  List<Calibration.Start> starts = new ArrayList<>();
                  for (Item item : items) {
                    index.put(item.id(), starts.size());
                    starts.add(
                        new Calibration.Start(
                            item.parameters(), item.type() == Item.Type.CHOICE, item.chance()));
                  }
                  int[] counts = new int[items.size()];
                  List<Calibration.Answers> learners = new ArrayList<>();
                  for (LearnerState state : states.values()) {
                    List<Integer> answered = new ArrayList<>();
                    List<Boolean> right = new ArrayList<>();
                    for (Object h : state.history()) {
                      JsonObject answer = (JsonObject) h;
                      Integer j = index.get(answer.getString("item"));
                      if (j != null) {
                        answered.add(j);
                        right.add(answer.getBoolean("right"));
                        counts[j]++;
                      }
                    }
                    if (!answered.isEmpty()) {
                      learners.add(Calibration.answers(answered, right));
                    }
                  }
                  progress.update(
                      0.05,
                      "estimating "
                          + items.size()
                          + " items from "
                          + learners.size()
                          + " learners");
                  Calibration.Result result =
                      new Calibration(100, 1e-3)
                          .run(
                              starts,
                              learners,
                              (cycle, max, change) ->
                                  progress.update(
                                      0.05 + 0.85 * cycle / max,
                                      "EM cycle "
                                          + cycle
                                          + ", largest change "
                                          + String.format("%.4f", change)),
                              progress::cancelled);
                  if (progress.cancelled()) {
                    return;
                  }
                  List<Item> updated = new ArrayList<>();
                  for (int j = 0; j < items.size(); j++) {
                    if (counts[j] >= MIN_ANSWERS) {
                      updated.add(items.get(j).withParameters(result.items().get(j)));
                    }
                  }
                  progress.update(0.95, "saving " + updated.size() + " items");
                  store.putItems(courseId, updated).await();
                  context
                      .logger()
                      .info(
                          "calibrated {} of {} items of course {} for tenant {} at {} in {} EM cycles",
                          updated.size(),
                          items.size(),
                          courseId,
                          tenantId,
                          Instant.now(),
                          result.cycles());
                  progress.update(
                      1.0,
                      "calibrated "
                          + updated.size()
                          + " of "
                          + items.size()
                          + " items in "
                          + result.cycles()
                          + " EM cycles"
                          + (result.converged() ? "" : " (not converged)"));
                });
    running.put(key, job.id());
    return job;
  }
}
