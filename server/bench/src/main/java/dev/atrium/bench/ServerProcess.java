package dev.atrium.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An Atrium server in its own JVM (prod profile, embedded H2 unless the environment names another
 * database, a temporary data dir), so a benchmark can read the server's own resident memory and
 * keep its load generator apart, and a crash test can kill it with SIGKILL and start another on the
 * same data.
 */
final class ServerProcess implements AutoCloseable {
  /** Linux's USER_HZ, the unit of /proc/<pid>/stat times, on every platform Atrium runs on. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final Process process;
  private final int port;
  private final Path dataDir;

  private ServerProcess(Process process, int port, Path dataDir) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
  }

  /** A server on a fresh data dir, deleted when this JVM exits. */
  static ServerProcess start(Map<String, String> environment)
      throws IOException, InterruptedException {
    return start(environment, List.of());
  }

  /** As {@link #start(Map)}, with {@code jvmOptions} before the main class. */
  static ServerProcess start(Map<String, String> environment, List<String> jvmOptions)
      throws IOException, InterruptedException {
    return start(ScratchDirectories.create("atrium-bench-server"), environment, jvmOptions);
  }

  /**
   * As {@link #start(Map, List)}, on {@code dataDir}: a server started again on the data dir of one
   * that was killed finds what that one left (its H2 database, usage journal, plugins). Every
   * server also gets the JVM options of {@code ATRIUM_JAVA_OPTS} (space-separated, as {@code
   * ./atrium serve} takes them), first, so a benchmark measures the server as it is run.
   */
  static ServerProcess start(Path dataDir, Map<String, String> environment, List<String> jvmOptions)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                Stream.of(
                        Stream.of(java, "--enable-native-access=ALL-UNNAMED"),
                        Arrays.stream(
                                System.getenv()
                                    .getOrDefault("ATRIUM_JAVA_OPTS", "")
                                    .trim()
                                    .split("\\s+"))
                            .filter(option -> !option.isEmpty()),
                        jvmOptions.stream(),
                        Stream.of(
                            "-cp", System.getProperty("java.class.path"), "dev.atrium.app.Main"))
                    .flatMap(s -> s)
                    .toList())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("ATRIUM_PROFILE", "prod");
    builder.environment().put("ATRIUM_HTTP_HOST", "127.0.0.1");
    builder.environment().put("ATRIUM_HTTP_PORT", Integer.toString(port));
    builder.environment().put("ATRIUM_DATA_DIR", dataDir.toString());
    builder.environment().put("DJL_OFFLINE", "true");
    builder.environment().put("OPT_OUT_TRACKING", "true");
    ServerProcess server = new ServerProcess(builder.start(), port, dataDir);
    server.awaitReady(Duration.ofSeconds(120), dataDir.resolve("server.log"));
    return server;
  }

  int port() {
    return port;
  }

  Path dataDir() {
    return dataDir;
  }

  /**
   * Kills the server with SIGKILL, as the kernel's OOM killer or a {@code kill -9} would: no
   * shutdown hook, no flush, whatever it was writing cut short. Returns once it is gone.
   */
  void kill() throws InterruptedException, IOException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IOException("the server survived SIGKILL for 30 s");
    }
  }

  /** The server's resident set size now and at its peak, in MiB, from /proc. */
  long[] residentMebibytes() throws IOException {
    long rss = 0;
    long peak = 0;
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kib(line) / 1024;
      } else if (line.startsWith("VmHWM:")) {
        peak = kib(line) / 1024;
      }
    }
    return new long[] {rss, peak};
  }

  /** The CPU time (user and system, all threads) the server has used so far, from /proc. */
  long cpuMillis() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    // Fields after the command name, which is in parentheses: state is 0, utime 11, stime 12.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
        * 1000
        / CLOCK_TICKS_PER_SECOND;
  }

  /**
   * The time the server's JIT compilers have spent so far ({@code java.ci.totalTime}), to show
   * whether a measurement ran on compiled code or shared the cores with the compiler.
   */
  long compileMillis() throws IOException, InterruptedException {
    String counters = jcmd("PerfCounter.print");
    return perfCounter(counters, "java.ci.totalTime")
        * 1000
        / perfCounter(counters, "sun.os.hrt.frequency");
  }

  private static long perfCounter(String counters, String name) {
    return counters
        .lines()
        .filter(line -> line.startsWith(name + "="))
        .map(line -> Long.parseLong(line.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no performance counter " + name));
  }

  /**
   * Runs a diagnostic command in the server's JVM ({@code jcmd <pid> ...}) and answers its output.
   */
  String jcmd(String... command) throws IOException, InterruptedException {
    List<String> line =
        Stream.concat(
                Stream.of(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid())),
                Stream.of(command))
            .toList();
    Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (jcmd.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IOException("the server exited at start; see " + log);
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IOException("the server was not ready within " + timeout + "; see " + log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
