package org.ebmbench.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.engine.Engines;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.SuiteLoader;
import org.ebmbench.experiments.testing.SampleResults;
import org.ebmbench.experiments.testing.StubFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {
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
        - family: toy
          model: {type: stub, n: 3, nanAtStep: 5}
          data: {train: 100, test: 50}
          estimators: [cd-2]
          optimizer: {type: sgd, lr: 0.1}
          steps: 10
          batchSize: 20
          evaluateEvery: 5
          seeds: [1]
      """;

  @TempDir Path dir;

  private final StubFamily family = new StubFamily();

  private Plan plan() throws IOException {
    Families families = new Families(List.of(family));
    Files.writeString(dir.resolve("s.yaml"), SUITE);
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load("s.yaml", dir);
    return new Planner(families).plan(loaded, Engines.byName("cpu"), List.of());
  }

  private static ResultsFile empty() {
    return SampleResults.create().withCells(List.of());
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
}
