package org.ebmbench.experiments.run;

/**
 * The time limit of the cell running on this thread. The limit is cooperative: a training loop
 * calls {@link #check} after every step ({@link Training} does, so families that train through
 * it need nothing more), and the runner checks at every recorded evaluation. Past the limit the
 * check throws {@link CellFailedException}, so the cell is recorded as failed with the step it
 * reached and the run goes on with the next cell.
 */
public final class TimeLimit {
  private static final ThreadLocal<TimeLimit> CURRENT = new ThreadLocal<>();

  private final double seconds;
  private final long deadlineNanos;

  private TimeLimit(double seconds) {
    this.seconds = seconds;
    this.deadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
  }

  /**
   * Throws if the cell running on this thread is past its time limit; does nothing outside a
   * cell (a warm-up run, a test, a benchmark).
   *
   * @param step the optimizer steps done so far, named in the reason
   * @throws CellFailedException "time limit 120 s exceeded at step 3400"
   */
  public static void check(long step) {
    TimeLimit limit = CURRENT.get();
    if (limit != null && System.nanoTime() - limit.deadlineNanos > 0) {
      throw new CellFailedException(
          "time limit " + format(limit.seconds) + " s exceeded at step " + step);
    }
  }

  /** Runs {@code body} on this thread with a limit of {@code seconds} from now. */
  static void runWithin(double seconds, Runnable body) {
    TimeLimit outer = CURRENT.get();
    CURRENT.set(new TimeLimit(seconds));
    try {
      body.run();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** "120" for whole seconds, "0.25" otherwise. */
  static String format(double seconds) {
    return seconds == Math.rint(seconds) && seconds < 1e15
        ? Long.toString((long) seconds)
        : Double.toString(seconds);
  }
}
