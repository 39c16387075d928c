package org.ebmbench.experiments.check;

import java.util.Map;
import org.ebmbench.experiments.suite.Tolerance;

/**
 * How {@code ebm check} compares one summary metric: which way is better and how much worse it
 * may get. The new value {@code y} regresses from the baseline {@code b} when it is worse by more
 * than {@code abs + rel * |b| + 3 * sqrt(seB^2 + seY^2)}, the last term only for metrics that
 * come with a standard error ({@code fooStdErr} beside {@code foo}).
 *
 * <p>Defaults, by name (docs/RESULTS.md, "Regression check"): a cell is deterministic for its
 * seed, but a harmless change (a sum reordered by a refactoring, another platform's Math.exp,
 * which may differ by an ulp) can flip one Gibbs or Metropolis decision and send a chain, and
 * so a CD or PCD trajectory, down another path. The defaults are sized for that Monte Carlo
 * noise, not for round-off.
 *
 * @param metric the metric's name
 * @param better {@code lower}, {@code higher} or {@code either}
 * @param abs absolute slack in the metric's unit
 * @param rel slack relative to the baseline's magnitude
 */
public record MetricRule(String metric, String better, double abs, double rel) {
  /** KL divergences (names starting "kl" or holding "Kl"): nats, lower is better. */
  static final MetricRule KL = new MetricRule("kl*", "lower", 1e-3, 0.2);

  /** Mean log-likelihoods per example (names holding "logLikelihood"), nats. */
  static final MetricRule LOG_LIKELIHOOD = new MetricRule("*logLikelihood*", "higher", 0.01, 0.0);

  /** Relative errors such as parameterError (names ending "Error"). */
  static final MetricRule ERROR = new MetricRule("*Error", "lower", 0.0, 0.2);

  /** Other divergences, such as fisherDivergence (names ending "Divergence"). */
  static final MetricRule DIVERGENCE = new MetricRule("*Divergence", "lower", 1e-3, 0.2);

  /** Any other metric: direction unknown, so a change either way beyond the slack counts. */
  static final MetricRule OTHER = new MetricRule("*", "either", 0.0, 0.2);

  /** The suffix of a metric that is another metric's standard error. */
  static final String STD_ERR = "StdErr";

  /** Whether {@code metric} is a timing (compared by ratio, never by tolerance). */
  static boolean isTiming(String metric) {
    return Tolerance.TIMINGS.contains(metric);
  }

  /** Whether {@code metric} is the standard error of another metric, not compared itself. */
  static boolean isStdErr(String metric) {
    return metric.endsWith(STD_ERR) && metric.length() > STD_ERR.length();
  }

  /** The default rule for a metric name (not a timing, not a standard error). */
  static MetricRule defaultFor(String metric) {
    MetricRule kind;
    if (metric.startsWith("kl") || metric.contains("Kl")) {
      kind = KL;
    } else if (metric.toLowerCase(java.util.Locale.ROOT).contains("loglikelihood")) {
      kind = LOG_LIKELIHOOD;
    } else if (metric.endsWith("Error")) {
      kind = ERROR;
    } else if (metric.endsWith("Divergence")) {
      kind = DIVERGENCE;
    } else {
      kind = OTHER;
    }
    return new MetricRule(metric, kind.better, kind.abs, kind.rel);
  }

  /** The rule for {@code metric}: its default with the fields the suite overrides replaced. */
  static MetricRule forMetric(String metric, Map<String, Tolerance> overrides) {
    MetricRule rule = defaultFor(metric);
    Tolerance t = overrides.get(metric);
    if (t == null) {
      return rule;
    }
    return new MetricRule(
        metric,
        t.better() != null ? t.better() : rule.better,
        t.abs() != null ? t.abs() : rule.abs,
        t.rel() != null ? t.rel() : rule.rel);
  }

  /** How far the value may move the wrong way from {@code baseline}. */
  double slack(double baseline, double noise) {
    return abs + rel * Math.abs(baseline) + noise;
  }

  /** Whether {@code value} is worse than {@code baseline} by more than {@code slack}. */
  boolean regressed(double baseline, double value, double slack) {
    return switch (better) {
      case "lower" -> value > baseline + slack;
      case "higher" -> value < baseline - slack;
      default -> Math.abs(value - baseline) > slack;
    };
  }

  /** The allowed range as users read it: {@code <= 0.0076 (abs 0.001 + rel 0.2)}. */
  String describe(double baseline, double slack, double noise) {
    String bound = switch (better) {
      case "lower" -> "<= " + Numbers.format(baseline + slack);
      case "higher" -> ">= " + Numbers.format(baseline - slack);
      default -> "within " + Numbers.format(baseline - slack) + " .. " + Numbers.format(baseline + slack);
    };
    String parts = "abs " + Numbers.format(abs) + " + rel " + Numbers.format(rel);
    if (noise > 0) {
      parts += " + 3 std.err. " + Numbers.format(noise / 3);
    }
    return bound + " (" + parts + ")";
  }
}
