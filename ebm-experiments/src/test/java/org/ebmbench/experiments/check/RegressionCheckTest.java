package org.ebmbench.experiments.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.Timing;
import org.ebmbench.experiments.suite.Tolerance;
import org.ebmbench.experiments.testing.SampleResults;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link RegressionCheck} on the sample results (cell 0: exact-mle, KL 3e-5, LL
 * -7.62503, secondsPerStep 1.23e-4; cell 1: cd-1, KL 0.002; cell 2 failed).
 */
class RegressionCheckTest {
  private static final ResultsFile BASE = SampleResults.create();
  private static final RegressionCheck DEFAULTS = new RegressionCheck(Map.of(), null, false);

  /** The sample with one summary value of cell {@code index} replaced. */
  static ResultsFile withMetric(ResultsFile results, int index, String metric, Double value) {
    List<CellResult> cells = new ArrayList<>(results.cells());
    CellResult c = cells.get(index);
    Map<String, Double> summary = new LinkedHashMap<>(c.summary());
    summary.put(metric, value);
    cells.set(index, new CellResult(
        c.key(), c.family(), c.model(), c.dataset(), c.estimator(), c.sampler(), c.optimizer(),
        c.engine(), c.seed(), c.hyperParameters(), c.status(), c.reason(), summary, c.curve(), c.pictures()));
    return results.withCells(cells);
  }

  private static double base(int index, String metric) {
    return BASE.cells().get(index).summary().get(metric);
  }

  @Test
  void anUnchangedCopyPasses() {
    CheckReport report = DEFAULTS.compare(BASE, SampleResults.create());
    assertThat(report.findings()).isEmpty();
    assertThat(report.compared()).isEqualTo(3);
    assertThat(report.summary()).startsWith("check: 3 cells compared, 0 regressions, 0 warnings");
  }

  @Test
  void aKlBeyondItsToleranceIsCaughtWithBothValuesAndTheTolerance() {
    // Default KL slack at baseline 0.002: 1e-3 + 0.2 * 0.002 = 0.0014, so up to 0.0034.
    CheckReport report = DEFAULTS.compare(BASE, withMetric(BASE, 1, "klTrueToModel", 0.0035));
    assertThat(report.regressions()).isEqualTo(1);
    assertThat(report.findings().get(0).toString()).isEqualTo(
        "REGRESSION toy ising cd-1 seed 1 cpu [1b2c3d4e5f6a7b8c] klTrueToModel: baseline 0.002,"
            + " new 0.0035, allowed <= 0.0034 (abs 0.001 + rel 0.2)");
  }

  @Test
  void changesWithinToleranceOrForTheBetterPass() {
    assertThat(DEFAULTS.compare(BASE, withMetric(BASE, 1, "klTrueToModel", 0.0033)).findings())
        .isEmpty();
    // A KL that got smaller, a log-likelihood that got larger: improvements.
    assertThat(DEFAULTS.compare(BASE, withMetric(BASE, 1, "klTrueToModel", 0.0)).findings())
        .isEmpty();
    assertThat(DEFAULTS.compare(BASE, withMetric(BASE, 1, "heldOutLogLikelihood", 0.0)).findings())
        .isEmpty();
  }

  @Test
  void logLikelihoodMayFallByTheAbsoluteSlackOnly() {
    double ll = base(1, "heldOutLogLikelihood");
    assertThat(DEFAULTS.compare(BASE, withMetric(BASE, 1, "heldOutLogLikelihood", ll - 0.009))
        .regressions()).isZero();
    CheckReport worse = DEFAULTS.compare(BASE, withMetric(BASE, 1, "heldOutLogLikelihood", ll - 0.011));
    assertThat(worse.regressions()).isEqualTo(1);
    assertThat(worse.findings().get(0).text()).contains("allowed >= -7.66 (abs 0.01 + rel 0)");
  }

  @Test
  void theSuiteOverridesDefaultsFieldByField() {
    ResultsFile run = withMetric(BASE, 1, "klTrueToModel", 0.0035);
    RegressionCheck looser = new RegressionCheck(
        Map.of("klTrueToModel", new Tolerance(0.01, null, null)), null, false);
    assertThat(looser.compare(BASE, run).findings()).isEmpty();
    RegressionCheck twoSided = new RegressionCheck(
        Map.of("klTrueToModel", new Tolerance(null, null, "either")), null, false);
    assertThat(twoSided.compare(BASE, withMetric(BASE, 1, "klTrueToModel", 0.0)).regressions())
        .isEqualTo(1);
  }

  @Test
  void aStandardErrorWidensItsMetricsSlack() {
    ResultsFile base = withMetric(withMetric(BASE, 0, "fisherDivergence", 0.1), 0, "fisherDivergenceStdErr", 0.01);
    // Default divergence slack 1e-3 + 0.2 * 0.1 = 0.021; plus 3 * hypot(0.01, 0.01) = 0.0424.
    ResultsFile within = withMetric(base, 0, "fisherDivergence", 0.16);
    ResultsFile beyond = withMetric(base, 0, "fisherDivergence", 0.165);
    assertThat(DEFAULTS.compare(base, within).findings()).isEmpty();
    assertThat(DEFAULTS.compare(base, beyond).findings()).singleElement()
        .satisfies(f -> assertThat(f.text()).contains("+ 3 std.err. 0.0141421"));
  }

  @Test
  void aCellOkBeforeAndFailedNowIsARegression() {
    List<CellResult> cells = new ArrayList<>(BASE.cells());
    CellResult c = cells.get(0);
    cells.set(0, new CellResult(
        c.key(), c.family(), c.model(), c.dataset(), c.estimator(), c.sampler(), c.optimizer(),
        c.engine(), c.seed(), c.hyperParameters(), CellResult.FAILED, "diverged at step 3",
        Map.of(), c.curve(), c.pictures()));
    CheckReport report = DEFAULTS.compare(BASE, BASE.withCells(cells));
    assertThat(report.findings()).singleElement().hasToString(
        "REGRESSION toy ising exact-mle seed 1 cpu [0a1b2c3d4e5f6a7b]: ok in the baseline,"
            + " failed now: diverged at step 3");
  }

  @Test
  void skippedCellsWarnWithTheirReason() {
    List<CellResult> cells = new ArrayList<>(BASE.cells());
    CellResult c = cells.get(0);
    cells.set(0, new CellResult(
        c.key(), c.family(), c.model(), c.dataset(), c.estimator(), c.sampler(), c.optimizer(),
        c.engine(), c.seed(), c.hyperParameters(), CellResult.SKIPPED, "no such file: x.gz",
        Map.of(), List.of(), List.of()));
    CheckReport report = DEFAULTS.compare(BASE, BASE.withCells(cells));
    assertThat(report.regressions()).isZero();
    assertThat(report.findings()).singleElement().hasToString(
        "WARNING toy ising exact-mle seed 1 cpu [0a1b2c3d4e5f6a7b]: ok in the baseline,"
            + " skipped now: no such file: x.gz");
  }

  @Test
  void missingCellsWarnOrFailOnRequest() {
    ResultsFile run = BASE.withCells(BASE.cells().subList(0, 2));
    CheckReport report = DEFAULTS.compare(BASE, run);
    assertThat(report.missing()).isEqualTo(1);
    assertThat(report.regressions()).isZero();
    assertThat(report.findings()).singleElement().hasToString(
        "WARNING toy ising pcd-1 seed 2 cpu [2c3d4e5f6a7b8c9d]: in the baseline, missing from this run");
    assertThat(new RegressionCheck(Map.of(), null, true).compare(BASE, run).regressions()).isEqualTo(1);
    assertThat(DEFAULTS.compare(run, BASE).added()).isEqualTo(1);
  }

  @Test
  void timingsOfCellsThatRanBesideOtherCellsAreNotCompared() {
    ResultsFile base = withMetric(BASE, 0, "totalSeconds", 2.0);
    double perStep = base(0, "secondsPerStep");
    ResultsFile slower = withMetric(base, 0, "secondsPerStep", 3 * perStep);
    RegressionCheck strict = new RegressionCheck(Map.of(), 2.0, false);
    assertThat(strict.compare(base, slower).regressions()).isEqualTo(1);

    List<CellResult> cells = new ArrayList<>(slower.cells());
    CellResult c = cells.get(0);
    cells.set(0, new CellResult(
        c.key(), c.family(), c.model(), c.dataset(), c.estimator(), c.sampler(), c.optimizer(),
        c.engine(), c.seed(), c.hyperParameters(), c.status(), c.reason(), c.summary(), c.curve(),
        c.pictures(), new Timing(1, List.of(3 * perStep), 0, 4)));
    ResultsFile besideOthers = slower.withCells(cells);

    assertThat(strict.compare(base, besideOthers).findings()).isEmpty();
    assertThat(strict.compare(besideOthers, base).findings()).isEmpty();
  }

  @Test
  void timingsWarnByDefaultAndFailOnlyBeyondTheGivenRatio() {
    ResultsFile base = withMetric(BASE, 0, "totalSeconds", 2.0);
    double perStep = base(0, "secondsPerStep");
    ResultsFile slower = withMetric(base, 0, "secondsPerStep", 3 * perStep);
    CheckReport warned = DEFAULTS.compare(base, slower);
    assertThat(warned.regressions()).isZero();
    assertThat(warned.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
      assertThat(f.text()).contains("secondsPerStep", "ratio 3", "timings only warn");
    });
    assertThat(new RegressionCheck(Map.of(), 4.0, false).compare(base, slower).regressions()).isZero();
    CheckReport failed = new RegressionCheck(Map.of(), 2.0, false).compare(base, slower);
    assertThat(failed.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Finding.Severity.REGRESSION);
      assertThat(f.text()).contains("ratio 3, allowed ratio 2");
    });
    // Faster is never a finding, and a small slow-down stays quiet.
    assertThat(new RegressionCheck(Map.of(), 1.1, false)
        .compare(base, withMetric(base, 0, "secondsPerStep", perStep / 10)).findings()).isEmpty();
    assertThat(DEFAULTS.compare(base, withMetric(base, 0, "secondsPerStep", 1.2 * perStep))
        .findings()).isEmpty();
  }

  @Test
  void cellsShorterThanASecondAreNotTimed() {
    // The sample's exact-mle cell took 0.038 s in all: too short for its timings to mean much.
    assertThat(base(0, "totalSeconds")).isLessThan(RegressionCheck.MIN_TIMED_SECONDS);
    ResultsFile slower = withMetric(withMetric(BASE, 0, "secondsPerStep", 1.0), 0, "totalSeconds", 9.0);
    assertThat(new RegressionCheck(Map.of(), 1.1, false).compare(BASE, slower).findings()).isEmpty();
  }

  @Test
  void defaultsFollowTheMetricsName() {
    assertThat(MetricRule.defaultFor("klTrueToModel")).isEqualTo(new MetricRule("klTrueToModel", "lower", 1e-3, 0.2));
    assertThat(MetricRule.defaultFor("reverseKlEstimate").better()).isEqualTo("lower");
    assertThat(MetricRule.defaultFor("heldOutLogLikelihood").better()).isEqualTo("higher");
    assertThat(MetricRule.defaultFor("pseudoLogLikelihood").better()).isEqualTo("higher");
    assertThat(MetricRule.defaultFor("heldOutLogLikelihoodAis").better()).isEqualTo("higher");
    assertThat(MetricRule.isStdErr("heldOutLogLikelihoodAisStdErr")).isTrue();
    assertThat(MetricRule.isStdErr("StdErr")).isFalse();
    assertThat(MetricRule.defaultFor("parameterError")).isEqualTo(new MetricRule("parameterError", "lower", 0, 0.2));
    assertThat(MetricRule.defaultFor("fisherDivergence").better()).isEqualTo("lower");
    assertThat(MetricRule.defaultFor("acceptanceRate").better()).isEqualTo("either");
  }
}
