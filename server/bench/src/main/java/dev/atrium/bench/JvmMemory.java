package dev.atrium.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a server JVM's memory is, read through {@code jcmd}: the heap still live after a full
 * collection (what a leak grows), the heap committed, and Native Memory Tracking's committed memory
 * per category (the server must run with {@code -XX:NativeMemoryTracking=summary}). RSS minus NMT's
 * total is memory the JVM does not track: native libraries (ONNX Runtime, tokenizers, xgboost) and
 * the C allocator's arenas.
 */
record JvmMemory(long liveHeapMib, long heapCommittedMib, Map<String, Long> nativeMib) {
  /** NMT categories worth a column: the rest is summed in "other". */
  static final String[] CATEGORIES = {"Class", "Code", "Thread", "GC", "Internal", "Other"};

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern NMT_LINE =
      Pattern.compile("-\\s+(\\S[^(]*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
  private static final Pattern NMT_TOTAL =
      Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");

  /** Collects the heap fully first, so that the heap used is what is still reachable. */
  static JvmMemory read(ServerProcess server) throws IOException, InterruptedException {
    server.jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(server.jcmd("GC.heap_info"));
    long live = used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
    String summary = server.jcmd("VM.native_memory", "summary");
    Map<String, Long> categories = new LinkedHashMap<>();
    Matcher line = NMT_LINE.matcher(summary);
    while (line.find()) {
      categories.put(line.group(1).trim(), Long.parseLong(line.group(2)) / 1024);
    }
    Matcher total = NMT_TOTAL.matcher(summary);
    if (total.find()) {
      categories.put("Total", Long.parseLong(total.group(1)) / 1024);
    }
    return new JvmMemory(live, categories.getOrDefault("Java Heap", -1L), categories);
  }

  static String header() {
    StringBuilder text =
        new StringBuilder(String.format("%9s %9s %9s", "live heap", "heap", "NMT"));
    for (String category : CATEGORIES) {
      text.append(String.format(" %8s", category));
    }
    return text.append(String.format(" %9s", "untracked")).toString();
  }

  /** One line of MiB figures; untracked = {@code rssMib} minus NMT's total. */
  String line(long rssMib) {
    long total = nativeMib.getOrDefault("Total", -1L);
    StringBuilder text =
        new StringBuilder(String.format("%9d %9d %9d", liveHeapMib, heapCommittedMib, total));
    for (String category : CATEGORIES) {
      text.append(String.format(" %8d", nativeMib.getOrDefault(category, -1L)));
    }
    return text.append(String.format(" %9d", total < 0 ? -1 : rssMib - total)).toString();
  }
}
