package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.ebmbench.experiments.results.CellResult;

/**
 * A suite's override of how {@code ebm check} compares one summary metric; a field left out
 * keeps the metric's default (docs/RESULTS.md, "Regression check").
 *
 * @param abs absolute slack, in the metric's unit (at least 0)
 * @param rel slack relative to the baseline value's magnitude (at least 0)
 * @param better which way is an improvement: {@code lower}, {@code higher} or {@code either}
 *     (any change beyond the slack is a regression)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tolerance(Double abs, Double rel, String better) {
  /** The allowed values of {@code better}. */
  public static final List<String> BETTER = List.of("lower", "higher", "either");

  /** Metric names that are timings: compared by {@code --time-ratio}, not by tolerances. */
  public static final List<String> TIMINGS = CellResult.TIMINGS;

  /** Checks the values; {@code path} is this tolerance's place in the suite. */
  public void validate(FieldPath path) {
    if (abs == null && rel == null && better == null) {
      throw new InvalidSpecException(path, "give at least one of abs, rel, better");
    }
    if (abs != null) {
      Check.between(path.field("abs"), abs, 0.0, Double.MAX_VALUE);
    }
    if (rel != null) {
      Check.between(path.field("rel"), rel, 0.0, Double.MAX_VALUE);
    }
    if (better != null && !BETTER.contains(better)) {
      throw new InvalidSpecException(
          path.field("better"),
          "unknown value '" + better + "' (allowed: " + String.join(", ", BETTER) + ")");
    }
  }

  /** Checks a metric name used as a key of the suite's {@code tolerances}. */
  static void validateMetricName(FieldPath path, String metric) {
    if (TIMINGS.contains(metric)) {
      throw new InvalidSpecException(
          path, "is a timing; timings are checked with 'ebm check --time-ratio R', not tolerances");
    }
    if (!metric.matches("[A-Za-z][A-Za-z0-9]{0,63}")) {
      throw new InvalidSpecException(
          path, "'" + metric + "' is not a metric name (camelCase letters and digits)");
    }
  }
}
