package dev.atrium.inference;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the calling thread's nice value on Linux, where it is a per-thread attribute. Regular
 * workers compute batches for throughput, so they run a little below the threads that answer
 * requests (event loops, the usage journal, express workers), which then take a core from them as
 * soon as they have work instead of queueing behind a batch for the scheduler. Raising a nice value
 * needs no privilege. Elsewhere, or if libc cannot be reached, it does nothing.
 */
final class ThreadNice {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadNice.class);
  private static final int PRIO_PROCESS = 0;
  private static final int CALLING_THREAD = 0;
  private static final LibC LIBC = load();

  /** The slice of libc used here. */
  private interface LibC extends Library {
    int setpriority(int which, int who, int prio);
  }

  private ThreadNice() {}

  /** Sets the calling thread's nice value; true if the system applied it. */
  static boolean set(int nice) {
    if (LIBC == null) {
      return false;
    }
    return LIBC.setpriority(PRIO_PROCESS, CALLING_THREAD, nice) == 0;
  }

  private static LibC load() {
    if (!Platform.isLinux()) {
      return null;
    }
    try {
      return Native.load("c", LibC.class);
    } catch (UnsatisfiedLinkError e) {
      LOG.warn(
          "libc not reachable, inference workers keep the default priority: {}", e.getMessage());
      return null;
    }
  }
}
