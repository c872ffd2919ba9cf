package dev.atrium.bench;

/**
 * A load run with the server's CPU time it cost (user and system, from /proc). On a shared or small
 * machine latency depends on everything else running; CPU time per request does much less, and it
 * bounds throughput: a server that spends {@code c} ms of CPU per request answers at most {@code
 * cores * 1000 / c} requests a second, even with every core to itself and no load generator beside
 * it.
 */
record CostedRun(LoadResult result, long serverCpuMillis) {

  /** A run of load. */
  @FunctionalInterface
  interface Run {
    LoadResult run() throws Exception;
  }

  static CostedRun of(ServerProcess server, Run run) throws Exception {
    long before = server.cpuMillis();
    LoadResult result = run.run();
    return new CostedRun(result, server.cpuMillis() - before);
  }

  double cpuMillisPerRequest() {
    return (double) serverCpuMillis / Math.max(1, result.ok() + result.failed());
  }

  /** Requests a second the server could answer with every core of this machine to itself. */
  double ceilingPerSecond() {
    return Runtime.getRuntime().availableProcessors() * 1000.0 / cpuMillisPerRequest();
  }
}
