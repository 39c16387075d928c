package org.ebmbench.experiments.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's overview: per model, the estimator with the best final divergence (mean over
 * seeds) and the one that first reaches a target divergence in training time.
 *
 * <p>The target is {@value #IMPROVEMENT_PERCENT} % of the way from the best estimator's initial
 * value to its final value (mean over seeds), the same rule for divergences (lower is better) and
 * log-likelihoods (higher is better). It depends on the model's own scale, so it exists for every
 * model and a model that starts close to its optimum does not make every estimator "reach" it at
 * step 0. Time to target is the training time (evaluation excluded) at the first evaluation where
 * an estimator's mean over seeds reaches the target.
 */
final class Overview {
  /** How much of the best estimator's improvement the target asks for, in percent. */
  static final int IMPROVEMENT_PERCENT = 90;

  private Overview() {}

  /**
   * One row of the overview.
   *
   * @param higherIsBetter true for a log-likelihood, false for a divergence
   * @param vsTime the lines of the model's chart against training time, each a mean over seeds
   */
  static Map<String, Object> row(
      String family, String model, String metric, boolean higherIsBetter, List<Series> vsTime) {
    Series best = null;
    for (Series s : vsTime) {
      if (!s.y().isEmpty() && (best == null || better(last(s), last(best), higherIsBetter))) {
        best = s;
      }
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("family", family);
    row.put("model", model);
    row.put("metric", Labels.metric(metric));
    if (best == null) {
      return row;
    }
    double start = best.y().get(0);
    double target = last(best) + (1 - IMPROVEMENT_PERCENT / 100.0) * (start - last(best));
    Series fastest = null;
    double fastestSeconds = Double.POSITIVE_INFINITY;
    int reached = 0;
    for (Series s : vsTime) {
      double seconds = timeToTarget(s, target, higherIsBetter);
      if (Double.isFinite(seconds)) {
        reached++;
        if (seconds < fastestSeconds) {
          fastest = s;
          fastestSeconds = seconds;
        }
      }
    }
    row.put("best", best.label());
    row.put("bestValue", Labels.number(last(best)));
    row.put("target", Labels.number(target));
    row.put("fastest", fastest == null ? "" : fastest.label());
    row.put("fastestSeconds", fastest == null ? "" : Labels.number(fastestSeconds) + " s");
    row.put("reached", reached + " of " + vsTime.size());
    return row;
  }

  /** The first x at which the line reaches {@code target}; infinity if it never does. */
  static double timeToTarget(Series s, double target, boolean higherIsBetter) {
    for (int i = 0; i < s.y().size(); i++) {
      double y = s.y().get(i);
      if (higherIsBetter ? y >= target : y <= target) {
        return s.x().get(i);
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static boolean better(double a, double b, boolean higherIsBetter) {
    return higherIsBetter ? a > b : a < b;
  }

  private static double last(Series s) {
    return s.y().get(s.y().size() - 1);
  }
}
