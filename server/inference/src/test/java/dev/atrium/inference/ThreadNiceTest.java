package dev.atrium.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

final class ThreadNiceTest {

  @Test
  @EnabledOnOs(OS.LINUX)
  void lowersTheCallingThreadOnly() throws Exception {
    int before = niceOfThisThread();
    AtomicInteger seen = new AtomicInteger(Integer.MIN_VALUE);
    Thread worker =
        Thread.ofPlatform()
            .start(
                () -> {
                  assertThat(ThreadNice.set(before + 5)).isTrue();
                  seen.set(niceOfThisThread());
                });
    worker.join();
    assertThat(seen.get()).isEqualTo(before + 5);
    assertThat(niceOfThisThread()).as("other threads keep theirs").isEqualTo(before);
  }

  /** Field 19 of /proc/thread-self/stat, counted after the command name. */
  private static int niceOfThisThread() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[16]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
