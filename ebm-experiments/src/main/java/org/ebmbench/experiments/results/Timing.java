package org.ebmbench.experiments.results;

import java.util.ArrayList;
import java.util.List;

/**
 * How a cell's training was timed (schema version 2; absent in version 1 files).
 *
 * @param repeats how many times the training ran; the metrics are the first run's, and every
 *     run reproduced them exactly
 * @param secondsPerStep each run's training seconds per step, in run order; the summary's
 *     secondsPerStep is their median
 * @param warmupSteps steps of the untimed warm-up run made just before this cell to warm the JIT
 *     (0: none, because an earlier cell of the same experiment had it, or warm-up is off)
 * @param jobs the {@code --jobs} the cell ran under: 1 means it ran alone; more means other cells
 *     ran at the same time, so its timings are not comparable
 */
public record Timing(int repeats, List<Double> secondsPerStep, int warmupSteps, int jobs) {
  public Timing {
    secondsPerStep = List.copyOf(secondsPerStep);
  }

  /** Whether the cell ran alone, so that its timings may be compared with another run's. */
  public boolean comparable() {
    return jobs <= 1;
  }

  /** The median of {@code values} (the mean of the middle two for an even count). */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("the median of no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
