package org.ebmbench.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Precision;
import org.ebmbench.experiments.crf.CrfFamily;
import org.ebmbench.experiments.rbm.RbmFamily;
import org.ebmbench.experiments.report.EngineComparison;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.SuiteLoader;
import org.ebmbench.experiments.testing.SampleResults;
import org.ebmbench.experiments.toy.ToyFamily;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke-like suite (smaller and shorter) run on the cpu engine and on the gpu engine in double
 * and in float, through the planner and runner as {@code ebm run --engine cpu,gpu} does; the
 * final metrics of every pair of twin cells are compared. The chain-CRF cell compares the cpu
 * engine's host forward-backward with the gpu engine's batched one (EngineChainLikelihoodKernel).
 *
 * <ul>
 *   <li>DOUBLE, every cell, deterministic or not: the gpu engine draws the same random numbers
 *       from the same streams, so both engines run the same algorithm on the same numbers and
 *       differ only in summation order (relative ~1e-16 per reduction). Training amplifies that
 *       by at most the optimizer's step count (a few hundred here); {@link #DOUBLE_AGREEMENT}
 *       leaves a margin of 10^3 above that, while a wrong kernel moves metrics by 1e-3 or more.
 *       A sampling decision u < p could flip only where |u - p| < ~1e-15, which over the ~10^6
 *       draws of this suite happens with probability ~1e-9.
 *   <li>FLOAT, deterministic cells (exact MLE): the same gradients in float; float round-off
 *       (6e-8) amplified the same way gives ~1e-4 relative, so {@link #FLOAT_EXACT_AGREEMENT}
 *       (measured: within 1e-7).
 *   <li>FLOAT, stochastic cells: a decision u < p flips where p differs by float round-off, after
 *       which the chains part ways (the discrete samplers here; the continuous ones only round
 *       differently); the runs then agree as two seeds of one method do, not to round-off. They
 *       must land within {@link #FLOAT_STOCHASTIC}: measured once at up to 0.006 (Ising CD-1 and
 *       PCD-1; every other cell within 1e-6), against a change from the untrained model of 0.2
 *       to 0.9 in these metrics for the toy cells, so a float kernel that learns wrongly fails.
 * </ul>
 */
class EnginesAgreeTest {
  private static final double DOUBLE_AGREEMENT = 1e-9;
  private static final double FLOAT_EXACT_AGREEMENT = 1e-3;
  private static final double FLOAT_STOCHASTIC = 0.02;

  private static final String SUITE =
      """
      name: engines
      seeds: [1]
      experiments:
        - family: toy
          model: {type: ising, n: 8, couplingScale: 0.5, fieldScale: 0.1, seed: 1}
          data: {train: 4000, test: 1000}
          estimators: [exact-mle, cd-1, pcd-1]
          sampler: {type: gibbs}
          optimizer: {type: adam, lr: 0.02}
          steps: 60
          batchSize: 500
          evaluateEvery: 30
        - family: toy
          model: {type: gaussian, d: 2, seed: 1}
          data: {train: 4000, test: 1000}
          estimators: [exact-mle, score-matching, cd-1]
          sampler: {type: langevin, stepSize: 0.1}
          optimizer: {type: sgd, lr: 0.01, momentum: 0.5}
          steps: 60
          batchSize: 500
          evaluateEvery: 30
        - family: toy
          model: {type: doublewell, d: 1}
          data: {train: 4000, test: 1000}
          estimators: [exact-mle, cd-1]
          sampler: {type: mala, stepSize: 0.1}
          optimizer: {type: adam, lr: 0.05}
          steps: 60
          batchSize: 500
          evaluateEvery: 30
        - family: rbm
          model: {type: rbm, hidden: 6, weightScale: 0.01, seed: 1}
          data: {barsAndStripes: 3}
          estimators: [exact-mle, cd-1]
          sampler: {type: gibbs}
          optimizer: {type: sgd, lr: 0.05}
          steps: 300
          batchSize: 14
          evaluateEvery: 150
        - family: crf
          model: {type: chain-crf, attributes: 20, labels: 4, length: 6, weightScale: 1.0, seed: 1}
          data: {train: 200, test: 100}
          estimators: [exact-mle]
          optimizer: {type: adam, lr: 0.05}
          steps: 60
          batchSize: 50
          evaluateEvery: 30
      """;

  @TempDir static Path dir;

  private static List<CellResult> cells;

  @BeforeAll
  static void runOnThreeEngines() throws IOException {
    Engine gpu = Engines.byName("gpu");
    List<Engine> engines =
        List.of(
            Engines.byName("cpu"),
            EngineAtPrecision.of(gpu, Precision.DOUBLE),
            EngineAtPrecision.of(gpu, Precision.FLOAT));
    Families families =
        new Families(List.of(new ToyFamily(), new RbmFamily(), new CrfFamily()));
    Files.writeString(dir.resolve("s.yaml"), SUITE);
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load("s.yaml", dir);
    Plan plan = new Planner(families).plan(loaded, engines, List.of());
    ResultsFile empty = SampleResults.create().withCells(List.of());
    cells = new Runner(RunProgress.SILENT).run(plan, empty, dir.resolve("results.json")).cells();
  }

  @Test
  void everyCellRanOnEveryEngine() {
    assertThat(cells).allSatisfy(c -> assertThat(c.ok()).as(c.reason()).isTrue());
    assertThat(cells).extracting(CellResult::engine).containsOnly("cpu", "gpu:double", "gpu");
    assertThat(cells).hasSize(3 * 11);
  }

  @Test
  void doubleMatchesTheCpuEngineToRoundOff() {
    forEachTwin(
        "gpu:double",
        (cpu, gpu, metric) ->
            assertThat(gpu)
                .as(metric)
                .isCloseTo(cpu, within(DOUBLE_AGREEMENT * Math.max(1.0, Math.abs(cpu)))));
  }

  @Test
  void floatMatchesExactlyComputedCellsToFloatRoundOffAndSampledOnesStatistically() {
    forEachTwin(
        "gpu",
        (cpu, gpu, metric) -> {
          boolean exact = metric.startsWith("exact-mle ");
          double tolerance =
              exact ? FLOAT_EXACT_AGREEMENT * Math.max(1.0, Math.abs(cpu)) : FLOAT_STOCHASTIC;
          assertThat(gpu).as(metric).isCloseTo(cpu, within(tolerance));
        });
  }

  private interface MetricCheck {
    void check(double cpu, double gpu, String description);
  }

  /** Calls {@code check} for every final metric of every cell of {@code engine} and its cpu twin. */
  private static void forEachTwin(String engine, MetricCheck check) {
    Map<String, CellResult> cpu = new LinkedHashMap<>();
    cells.stream()
        .filter(c -> c.engine().equals("cpu"))
        .forEach(c -> cpu.put(EngineComparison.settingsWithoutEngine(c), c));
    List<CellResult> others = cells.stream().filter(c -> c.engine().equals(engine)).toList();
    assertThat(others).hasSize(cpu.size());
    for (CellResult other : others) {
      CellResult twin = cpu.get(EngineComparison.settingsWithoutEngine(other));
      assertThat(twin).as("cpu twin of %s", other.key()).isNotNull();
      twin.summary().forEach(
          (metric, value) -> {
            if (!CellResult.TIMINGS.contains(metric)) {
              check.check(
                  value,
                  other.summary().get(metric),
                  other.estimator() + " " + other.family() + " " + other.model() + " " + metric);
            }
          });
    }
  }
}
