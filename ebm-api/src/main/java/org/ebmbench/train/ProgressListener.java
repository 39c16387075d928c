package org.ebmbench.train;

/** Told after every training step, for example to draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {
  /**
   * @param step steps done so far
   * @param steps steps in the run
   * @param latest the most recent evaluation
   */
  void onStep(int step, int steps, CurvePoint latest);

  /** Ignores progress. */
  static ProgressListener none() {
    return (step, steps, latest) -> {};
  }
}
