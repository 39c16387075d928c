package org.ebmbench.experiments.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.Hashing;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.run.Plan;
import org.ebmbench.experiments.run.RunProgress;
import org.ebmbench.experiments.run.Runner;
import org.ebmbench.experiments.testing.FamilySuites;
import org.ebmbench.experiments.testing.SampleResults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyFamilyTest {
  @TempDir Path dir;

  private FamilySuites suites;

  @BeforeEach
  void suites() {
    suites = new FamilySuites(dir, "toy", 50, new ToyFamily());
  }

  private static final String ISING = "{type: ising, n: 4}";
  private static final String DRAWN = "{train: 200, test: 100}";

  @Test
  void tooManySpinsToEnumerate() {
    suites.assertPlanError(
        suites.experiment("{type: ising, n: 30}", DRAWN, "[exact-mle]", ""),
        "experiments[0].model.n: must be between 1 and 24, got 30");
  }

  @Test
  void tooManySpinsToDrawDataExactly() {
    suites.assertPlanError(
        suites.experiment("{type: ising, n: 22}", DRAWN, "[exact-mle]", ""),
        "experiments[0].model.n: data drawn from the model needs n <= 20 (exact sampling), got 22;"
            + " give a data file for larger n");
  }

  @Test
  void estimatorsAndSamplersMustFitTheModel() {
    suites.assertPlanError(
        suites.experiment(ISING, DRAWN, "[score-matching]", ""),
        "experiments[0].estimators[0]: score-matching needs a continuous model; this model is on spins");
    suites.assertPlanError(
        suites.experiment(ISING, DRAWN, "[cd-1]", "    sampler: {type: mala, stepSize: 0.1}\n"),
        "experiments[0].estimators[0]: the mala sampler needs a continuous model (spin models: gibbs, mh)");
    suites.assertPlanError(
        suites.experiment("{type: gaussian, d: 2}", DRAWN, "[exact-mle, cd-1]", ""),
        "experiments[0].sampler: required by 'cd-1' for this model (allowed: gibbs, mh, langevin, mala)");
    suites.assertPlanError(
        suites.experiment("{type: gaussian, d: 2}", DRAWN, "[cd-1]", "    sampler: {type: gibbs}\n"),
        "experiments[0].estimators[0]: the gibbs sampler needs a discrete model (continuous models:"
            + " mh, langevin, mala)");
    suites.assertPlanError(
        suites.experiment("{type: doublewell, d: 1}", DRAWN, "[cd-1]", "    sampler: {type: mh}\n"),
        "experiments[0].estimators[0]: the mh sampler needs a stepSize for a continuous model");
    suites.assertPlanError(
        suites.experiment("{type: doublewell, d: 3}", DRAWN, "[exact-mle]", ""),
        "experiments[0].model.d: must be between 1 and 2, got 3");
  }

  @Test
  void batchMustFitTheTrainingRows() {
    suites.assertPlanError(
        suites.experiment(ISING, "{train: 40, test: 10}", "[exact-mle]", ""),
        "experiments[0].batchSize: must be at most the 40 training rows, got 50");
  }

  @Test
  void spinModelsDefaultToGibbs() throws IOException {
    Plan plan = suites.plan(suites.experiment(ISING, DRAWN, "[cd-2]", ""));
    assertThat(plan.cells().get(0).sampler())
        .isEqualTo(new org.ebmbench.experiments.suite.SamplerSpec.Gibbs());
  }

  @Test
  void userDataRunsWithoutTruthMetrics() throws IOException {
    StringBuilder csv = new StringBuilder("# spins\n");
    for (int i = 0; i < 100; i++) {
      csv.append(i % 3 == 0 ? "1,1,-1,1\n" : "-1,1,1,-1\n");
    }
    Files.writeString(dir.resolve("spins.csv"), csv);
    Plan plan = suites.plan(suites.experiment(ISING, "{file: spins.csv, testRows: 20}", "[exact-mle, cd-1]", ""));
    assertThat(plan.cells().get(0).data().sha256())
        .isEqualTo(Hashing.sha256(Files.readAllBytes(dir.resolve("spins.csv"))));

    ResultsFile empty = SampleResults.create().withCells(List.of());
    ResultsFile results = new Runner(RunProgress.SILENT).run(plan, empty, dir.resolve("out/results.json"));

    assertThat(results.cells()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CellResult.OK));
    assertThat(results.cells().get(0).summary())
        .containsOnlyKeys("heldOutLogLikelihood", "secondsPerStep", "totalSeconds");
    assertThat(results.cells().get(0).dataset().path("testRows").asInt()).isEqualTo(20);
  }

  @Test
  void userDataErrorsNameFileLineAndColumn() throws IOException {
    Files.writeString(dir.resolve("bad.csv"), "1,1,-1,1\n1,NaN,1,1\n");
    assertThatThrownBy(() -> suites.plan(suites.experiment(ISING, "{file: bad.csv}", "[exact-mle]", "")))
        .isInstanceOf(InputException.class)
        .hasMessage("data file bad.csv, line 2, column 2: value is NaN");
    Files.writeString(dir.resolve("narrow.csv"), "1,1,-1\n1,-1,1\n");
    assertThatThrownBy(() -> suites.plan(suites.experiment(ISING, "{file: narrow.csv}", "[exact-mle]", "")))
        .isInstanceOf(InputException.class)
        .hasMessage("data file narrow.csv has 3 columns, but the model of experiments[0].model has 4 variables");
    suites.assertPlanError(
        suites.experiment(ISING, "{file: missing.csv}", "[exact-mle]", ""),
        "experiments[0].data.file: no such file: missing.csv (" + dir.resolve("missing.csv") + ")");
    suites.assertPlanError(
        suites.experiment(ISING, "{file: narrow.csv, sha256: " + "0".repeat(64) + "}", "[exact-mle]", ""),
        "experiments[0].data.sha256: the file narrow.csv has SHA-256 "
            + Hashing.sha256(Files.readAllBytes(dir.resolve("narrow.csv"))) + ", not " + "0".repeat(64));
  }
}
