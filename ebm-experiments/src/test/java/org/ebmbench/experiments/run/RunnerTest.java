package org.ebmbench.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebmbench.engine.Engines;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.results.Timing;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.SuiteLoader;
import org.ebmbench.experiments.testing.SampleResults;
import org.ebmbench.experiments.testing.StubFamily;
import org.ebmbench.experiments.toy.ToyFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
  /** Two experiments, five cells; %s is replaced by extra fields of both experiments. */
  private static final String SUITE =
      """
      name: t
      seeds: [1, 2]
      experiments:
        - family: toy
          model: {type: stub, n: 4}
          data: {train: 100, test: 50}
          estimators: [exact-mle, cd-1]
          optimizer: {type: sgd, lr: 0.1}
          steps: 10
          batchSize: 20
          evaluateEvery: 5
          %1$s
        - family: toy
          model: {type: stub, n: 3, nanAtStep: 5}
          data: {train: 100, test: 50}
          estimators: [cd-2]
          optimizer: {type: sgd, lr: 0.1}
          steps: 10
          batchSize: 20
          evaluateEvery: 5
          seeds: [1]
          %1$s
      """;

  @TempDir Path dir;

  private final StubFamily family = new StubFamily();

  private Plan plan(String suite) throws IOException {
    Families families = new Families(List.of(family));
    Files.writeString(dir.resolve("s.yaml"), suite);
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load("s.yaml", dir);
    return new Planner(families).plan(loaded, Engines.byName("cpu"), List.of());
  }

  /** The five-cell suite with {@code extra} in both experiments ("warmup: 0" by default). */
  private Plan planWith(String extra) throws IOException {
    return plan(String.format(SUITE, extra));
  }

  private Plan plan() throws IOException {
    return planWith("warmup: 0");
  }

  private static ResultsFile empty() {
    return SampleResults.create().withCells(List.of());
  }

  private ResultsFile run(Plan plan, int jobs) {
    return new Runner(RunProgress.SILENT, jobs).run(plan, empty(), dir.resolve("out/results.json"));
  }

  private static List<CellResult> untimed(ResultsFile results) {
    return results.cells().stream().map(CellResult::withoutTimings).toList();
  }

  @Test
  void recordsFailedCellsAndGoesOn() throws IOException {
    Plan plan = plan();
    Path file = dir.resolve("out/results.json");
    ResultsFile results = new Runner(RunProgress.SILENT).run(plan, empty(), file);

    assertThat(results.cells()).extracting(CellResult::status)
        .containsExactly("ok", "ok", "ok", "ok", "failed");
    CellResult failed = results.cells().get(4);
    assertThat(failed.reason())
        .isEqualTo("metric klTrueToModel is NaN at step 5 (diverged or not normalizable)");
    assertThat(failed.summary()).isEmpty();
    assertThat(failed.curve()).hasSize(2);
    CellResult ok = results.cells().get(0);
    assertThat(ok.summary()).containsKeys("klTrueToModel", "heldOutLogLikelihood", "secondsPerStep", "totalSeconds");
    assertThat(ok.summary().get("klTrueToModel")).isEqualTo(1.0 / 11);
    assertThat(ok.curve()).extracting(p -> p.step()).containsExactly(0L, 5L, 10L);
    assertThat(ok.hyperParameters())
        .containsEntry("steps", 10)
        .containsEntry("optimizer.lr", 0.1)
        .containsEntry("data.train", 100);
    assertThat(ok.timing()).isEqualTo(new Timing(1, List.of(1e-3), 0, 1));
    assertThat(results.cells().get(2).hyperParameters()).containsEntry("sampler.type", "gibbs").containsEntry("k", 1);
    // The file holds exactly what was returned (NaN written as null either way).
    assertThat(ResultsJson.toJson(ResultsJson.read(file))).isEqualTo(ResultsJson.toJson(results));
  }

  @Test
  void resumeSkipsCellsAlreadyOkAndRerunsFailedOnes() throws IOException {
    Plan plan = plan();
    Path file = dir.resolve("results.json");
    ResultsFile first = new Runner(RunProgress.SILENT).run(plan, empty(), file);
    // Keep one ok cell and the failed one, as if the run had been interrupted.
    ResultsFile interrupted = first.withCells(List.of(first.cells().get(1), first.cells().get(4)));
    ResultsJson.writeAtomically(interrupted, file);
    family.ran().clear();

    ResultsFile resumed = new Runner(RunProgress.SILENT).run(plan, ResultsJson.read(file), file);

    assertThat(family.ran())
        .containsExactly(
            "toy stub exact-mle seed 1", "toy stub cd-1 seed 1", "toy stub cd-1 seed 2",
            "toy stub cd-2 seed 1");
    assertThat(resumed.cells()).extracting(CellResult::key)
        .containsExactlyElementsOf(first.cells().stream().map(CellResult::key).toList());
    assertThat(resumed.cells().get(1)).isEqualTo(first.cells().get(1));
  }

  /** Thrown by a cell to stand for the process being killed: the runner catches no Error. */
  private static final class Killed extends Error {
    Killed() {
      super("killed");
    }
  }

  /** The plan with every experiment throwing {@link Killed} when its run number {@code n} starts. */
  private static Plan killedAtRun(Plan plan, int n) {
    AtomicInteger runs = new AtomicInteger();
    Map<String, PreparedExperiment> wrapped = new HashMap<>();
    plan.experiments().forEach(
        (index, experiment) ->
            wrapped.put(index, new PreparedExperiment() {
              @Override
              public org.ebmbench.experiments.suite.DataSpec data() {
                return experiment.data();
              }

              @Override
              public org.ebmbench.experiments.suite.SamplerSpec defaultSampler() {
                return experiment.defaultSampler();
              }

              @Override
              public void checkEstimator(
                  org.ebmbench.experiments.suite.EstimatorSpec.Parsed estimator,
                  org.ebmbench.experiments.suite.SamplerSpec sampler,
                  org.ebmbench.experiments.suite.FieldPath path) {
                experiment.checkEstimator(estimator, sampler, path);
              }

              @Override
              public void run(Cell cell, CellRecorder recorder) {
                if (runs.incrementAndGet() == n) {
                  throw new Killed();
                }
                experiment.run(cell, recorder);
              }
            }));
    return new Plan(
        plan.suite(), plan.engines(), plan.cells(), wrapped, plan.skipped(), plan.seeds(), plan.notes());
  }

  @Test
  void aRunKilledMidwayIsCompletedByARerunThatRunsOnlyTheRemainingCells() throws IOException {
    Plan plan = plan();
    Path file = dir.resolve("killed/results.json");
    assertThatThrownBy(() -> new Runner(RunProgress.SILENT).run(killedAtRun(plan, 3), empty(), file))
        .isInstanceOf(Killed.class);
    ResultsFile left = ResultsJson.read(file);
    assertThat(left.cells()).hasSize(2);
    family.ran().clear();

    ResultsFile completed = new Runner(RunProgress.SILENT).run(plan, left, file);

    assertThat(family.ran())
        .containsExactly("toy stub cd-1 seed 1", "toy stub cd-1 seed 2", "toy stub cd-2 seed 1");
    assertThat(untimed(completed)).isEqualTo(untimed(run(plan(), 1)));
  }

  @Test
  void repeatsRunEachCellAgainAndRecordTheMedianSecondsPerStep() throws IOException {
    ResultsFile results = run(planWith("warmup: 0\n    repeats: 3"), 1);

    // Four ok cells three times; the failing cell stops after its first run.
    assertThat(family.ran()).hasSize(4 * 3 + 1);
    CellResult ok = results.cells().get(0);
    assertThat(ok.timing().repeats()).isEqualTo(3);
    assertThat(ok.timing().secondsPerStep()).containsExactly(1e-3, 1e-3, 1e-3);
    assertThat(ok.summary().get("secondsPerStep")).isEqualTo(1e-3);
    assertThat(untimed(results)).isEqualTo(untimed(run(plan(), 1)));
    // The failed cell stops at its first run.
    assertThat(results.cells().get(4).timing().secondsPerStep()).isEmpty();
  }

  @Test
  void repeatsThatDisagreeFailTheCell() throws IOException {
    String suite =
        """
        name: t
        experiments:
          - family: toy
            model: {type: stub, n: 4, varies: true}
            data: {train: 100, test: 50}
            estimators: [cd-1]
            optimizer: {type: sgd, lr: 0.1}
            steps: 10
            batchSize: 20
            repeats: 2
            warmup: 0
        """;
    CellResult cell = run(plan(suite), 1).cells().get(0);

    assertThat(cell.ok()).isFalse();
    assertThat(cell.reason())
        .startsWith("repeat 2 of 2 disagrees with the first run: at step 0 klTrueToModel is ")
        .endsWith(" in run 2 (the cell is not determined by its seed)");
  }

  @Test
  void aCellPastItsTimeLimitIsStoppedAndTheRunGoesOn() throws IOException {
    String suite =
        """
        name: t
        timeLimit: 60
        experiments:
          - family: toy
            model: {type: stub, n: 4, stepMillis: 20}
            data: {train: 100, test: 50}
            estimators: [cd-1]
            optimizer: {type: sgd, lr: 0.1}
            steps: 10000
            batchSize: 20
            evaluateEvery: 10
            timeLimit: 0.2
            warmup: 0
          - family: toy
            model: {type: stub, n: 4, stepMillis: 1}
            data: {train: 100, test: 50}
            estimators: [cd-1]
            optimizer: {type: sgd, lr: 0.1}
            steps: 5
            batchSize: 20
            warmup: 0
        """;
    ResultsFile results = run(plan(suite), 1);

    CellResult stopped = results.cells().get(0);
    assertThat(stopped.ok()).isFalse();
    // 0.2 s at 20 ms a step is about step 10; the bound only guards against a limit not applied.
    assertThat(stopped.reason()).matches("time limit 0\\.2 s exceeded at step \\d+");
    long step = Long.parseLong(stopped.reason().replaceAll(".* at step ", ""));
    assertThat(step).isBetween(1L, 9999L);
    assertThat(stopped.curve()).isNotEmpty();
    assertThat(results.cells().get(1).ok()).isTrue();
  }

  @Test
  void theTrainingLoopStopsACellPastItsTimeLimitBetweenEvaluations() throws IOException {
    Families toy = new Families(List.of(new ToyFamily()));
    Files.writeString(dir.resolve("toy.yaml"), """
        name: t
        experiments:
          - family: toy
            model: {type: ising, n: 4}
            data: {train: 200, test: 100}
            estimators: [cd-1]
            optimizer: {type: sgd, lr: 0.01}
            steps: 10000000
            evaluateEvery: 10000000
            batchSize: 50
            timeLimit: 1
            warmup: 0
        """);
    LoadedSuite loaded = new SuiteLoader(toy.modelTypes()).load("toy.yaml", dir);

    CellResult cell = run(new Planner(toy).plan(loaded, Engines.byName("cpu"), List.of()), 1)
        .cells().get(0);

    // Evaluated only at steps 0 and 10^7, so a stop in between comes from Training's per-step
    // check; ten million steps take far longer than the limit of 1 s.
    assertThat(cell.reason()).matches("time limit 1 s exceeded at step \\d+");
    long step = Long.parseLong(cell.reason().replaceAll(".* at step ", ""));
    assertThat(step).isBetween(1L, 9_999_999L);
    assertThat(cell.curve()).extracting(p -> p.step()).containsExactly(0L);
  }

  @Test
  void warmUpRunsOncePerExperimentBeforeItsFirstCellAndChangesNoResult() throws IOException {
    ResultsFile warmed = run(planWith("warmup: 3"), 1);

    // One extra (warm-up) run before the first cell of each experiment.
    assertThat(family.ran())
        .containsExactly(
            "toy stub exact-mle seed 1", "toy stub exact-mle seed 1", "toy stub exact-mle seed 2",
            "toy stub cd-1 seed 1", "toy stub cd-1 seed 2", "toy stub cd-2 seed 1",
            "toy stub cd-2 seed 1");
    assertThat(warmed.cells()).extracting(c -> c.timing().warmupSteps())
        .containsExactly(3, 0, 0, 0, 3);
    assertThat(untimed(warmed)).isEqualTo(untimed(run(plan(), 1)));
  }

  @Test
  void cellsRunAtOnceGiveTheSameResultsWithTimingsMarkedNotComparable() throws IOException {
    ResultsFile alone = run(plan(), 1);
    ResultsFile together = run(plan(), 3);

    assertThat(untimed(together)).isEqualTo(untimed(alone));
    assertThat(together.cells()).allSatisfy(c -> {
      assertThat(c.timing().jobs()).isEqualTo(3);
      assertThat(c.timingsComparable()).isFalse();
    });
    assertThat(alone.cells()).allSatisfy(c -> assertThat(c.timingsComparable()).isTrue());
  }
}
