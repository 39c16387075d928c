package org.ebmbench.experiments.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.suite.Tolerance;

/**
 * Compares a run with a baseline run, cell by cell (matched by key) and summary metric by summary
 * metric, under {@link MetricRule}s. The tolerances come from the baseline's suite: the baseline
 * is the reviewed reference, so a run cannot loosen its own check by editing its suite.
 */
public final class RegressionCheck {
  /** A timing this many times the baseline's is reported as a warning when no ratio fails it. */
  public static final double TIME_WARNING_RATIO = 1.5;

  /**
   * Timings of a cell whose baseline took less than this (totalSeconds) are not compared: such
   * cells are dominated by JIT warm-up and scheduling noise, not by the code's speed.
   */
  public static final double MIN_TIMED_SECONDS = 1.0;

  private final Map<String, Tolerance> tolerances;
  private final Double timeRatio;
  private final boolean requireAll;

  /**
   * @param tolerances the overrides of the baseline's suite, by metric
   * @param timeRatio when not null, a timing more than this many times the baseline's is a
   *     regression; when null timings only warn
   * @param requireAll whether a baseline cell missing from the run is a regression (else a
   *     warning)
   */
  public RegressionCheck(Map<String, Tolerance> tolerances, Double timeRatio, boolean requireAll) {
    this.tolerances = Map.copyOf(tolerances);
    this.timeRatio = timeRatio;
    this.requireAll = requireAll;
  }

  /** Compares {@code run} with {@code baseline}. */
  public CheckReport compare(ResultsFile baseline, ResultsFile run) {
    Map<String, CellResult> byKey = new LinkedHashMap<>();
    run.cells().forEach(c -> byKey.put(c.key(), c));
    Set<String> baselineKeys = new HashSet<>();
    List<Finding> findings = new ArrayList<>();
    int compared = 0;
    int missing = 0;
    for (CellResult base : baseline.cells()) {
      baselineKeys.add(base.key());
      CellResult now = byKey.get(base.key());
      if (now == null) {
        missing++;
        findings.add(new Finding(
            requireAll ? Finding.Severity.REGRESSION : Finding.Severity.WARNING,
            describe(base) + ": in the baseline, missing from this run"));
        continue;
      }
      compared++;
      compareCell(base, now, findings);
    }
    for (CellResult now : run.cells()) {
      if (now.skipped() && !baselineKeys.contains(now.key())) {
        findings.add(new Finding(Finding.Severity.WARNING, describe(now) + ": skipped: " + now.reason()));
      }
    }
    int added = (int) run.cells().stream().filter(c -> !baselineKeys.contains(c.key())).count();
    return new CheckReport(findings, compared, missing, added);
  }

  private void compareCell(CellResult base, CellResult now, List<Finding> findings) {
    String cell = describe(base);
    if (!base.ok()) {
      return; // Nothing to hold the new run to; a cell that now works is no regression.
    }
    if (now.skipped()) {
      findings.add(new Finding(Finding.Severity.WARNING,
          cell + ": ok in the baseline, skipped now: " + now.reason()));
      return;
    }
    if (!now.ok()) {
      findings.add(new Finding(Finding.Severity.REGRESSION,
          cell + ": ok in the baseline, failed now: " + now.reason()));
      return;
    }
    Double baseTotal = base.summary().get("totalSeconds");
    // A cell that ran beside others (--jobs) measured the contention as much as the code.
    boolean timed = baseTotal != null && baseTotal >= MIN_TIMED_SECONDS
        && base.timingsComparable() && now.timingsComparable();
    for (Map.Entry<String, Double> e : base.summary().entrySet()) {
      String metric = e.getKey();
      Double b = e.getValue();
      if (b == null || !Double.isFinite(b) || MetricRule.isStdErr(metric)) {
        continue;
      }
      Double y = now.summary().get(metric);
      if (y == null || !Double.isFinite(y)) {
        findings.add(new Finding(Finding.Severity.REGRESSION,
            cell + " " + metric + ": baseline " + Numbers.format(b) + ", new " + y
                + " (metric missing or not finite)"));
      } else if (MetricRule.isTiming(metric)) {
        if (timed) {
          compareTiming(cell, metric, b, y, findings);
        }
      } else {
        compareMetric(cell, metric, b, y, noise(base, now, metric), findings);
      }
    }
  }

  private void compareMetric(
      String cell, String metric, double b, double y, double noise, List<Finding> findings) {
    MetricRule rule = MetricRule.forMetric(metric, tolerances);
    double slack = rule.slack(b, noise);
    if (rule.regressed(b, y, slack)) {
      findings.add(new Finding(Finding.Severity.REGRESSION,
          cell + " " + metric + ": baseline " + Numbers.format(b) + ", new " + Numbers.format(y)
              + ", allowed " + rule.describe(b, slack, noise)));
    }
  }

  /** Three combined standard errors when both runs recorded one for {@code metric}. */
  private static double noise(CellResult base, CellResult now, String metric) {
    Double seB = base.summary().get(metric + MetricRule.STD_ERR);
    Double seY = now.summary().get(metric + MetricRule.STD_ERR);
    if (seB == null || seY == null || !Double.isFinite(seB) || !Double.isFinite(seY)) {
      return 0;
    }
    return 3 * Math.hypot(seB, seY);
  }

  private void compareTiming(String cell, String metric, double b, double y, List<Finding> findings) {
    if (b <= 0) {
      return; // No time to compare against (a cell with no steps).
    }
    double ratio = y / b;
    boolean fails = timeRatio != null && ratio > timeRatio;
    if (fails || ratio > TIME_WARNING_RATIO) {
      String limit = timeRatio != null
          ? "allowed ratio " + Numbers.format(timeRatio)
          : "timings only warn without --time-ratio";
      findings.add(new Finding(
          fails ? Finding.Severity.REGRESSION : Finding.Severity.WARNING,
          cell + " " + metric + ": baseline " + Numbers.format(b) + " s, new " + Numbers.format(y)
              + " s, ratio " + Numbers.format(ratio) + ", " + limit));
    }
  }

  /** A cell as users recognize it, with its key: {@code toy ising cd-1 seed 1 cpu [5aa8...]}. */
  static String describe(CellResult c) {
    String type = c.model() != null && c.model().hasNonNull("type") ? c.model().get("type").asText() : "?";
    return c.family() + " " + type + " " + c.estimator() + " seed " + c.seed() + " " + c.engine()
        + " [" + c.key() + "]";
  }
}
