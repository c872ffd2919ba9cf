package dev.atrium.inference;

import io.vertx.core.Context;

/** Completes callers' futures where they expect it: on their Vert.x context when they had one. */
public final class OnContext {

  private OnContext() {}

  /** Runs {@code completion} on {@code context}, or right here when it is null (no Vert.x). */
  public static void run(Context context, Runnable completion) {
    if (context == null) {
      completion.run();
    } else {
      context.runOnContext(ignored -> completion.run());
    }
  }
}
