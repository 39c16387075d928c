package org.ebmbench.experiments.run;

/**
 * How the runner runs one experiment's cells, with every default applied (see docs/SUITES.md).
 *
 * @param repeats how many times each cell's training runs; the metrics are the first run's and
 *     every later run must reproduce them exactly
 * @param warmupSteps steps of the untimed warm-up run before the experiment's first cell, 0 for
 *     none
 * @param timeLimitSeconds how long one training run of a cell may take before it is stopped
 */
public record RunSettings(int repeats, int warmupSteps, double timeLimitSeconds) {
  /** One run, no warm-up, the default time limit: for tests and reruns of single cells. */
  public static final RunSettings SINGLE =
      new RunSettings(1, 0, org.ebmbench.experiments.suite.Suite.DEFAULT_TIME_LIMIT);
}
