package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** Jobs computed together in one model call; their items are concatenated in job order. */
record Batch<I, O>(List<Job<I, O>> jobs) {

  Batch {
    jobs = List.copyOf(requireNonNull(jobs, "jobs is null"));
  }

  List<I> inputs() {
    List<I> inputs = new ArrayList<>();
    jobs.forEach(job -> inputs.addAll(job.items()));
    return inputs;
  }

  int items() {
    return jobs.stream().mapToInt(Job::size).sum();
  }
}
