package org.ebmbench.experiments.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.results.Picture;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.run.Cell;
import org.ebmbench.experiments.run.Plan;
import org.ebmbench.experiments.run.RunProgress;
import org.ebmbench.experiments.run.Runner;
import org.ebmbench.experiments.testing.FamilySuites;
import org.ebmbench.experiments.testing.SampleResults;
import org.ebmbench.experiments.toy.ToyFamily;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuralFamilyTest {
  @TempDir Path dir;

  private FamilySuites suites;

  private static final String MLP = "{type: mlp, hidden: [8, 8]}";
  private static final String GAUSSIANS = "{density: 8gaussians, train: 200, test: 50}";
  private static final String LANGEVIN = "    sampler: {type: langevin, stepSize: 0.01}\n";

  @BeforeEach
  void suites() {
    suites = new FamilySuites(dir, "neural", 20, new ToyFamily(), new NeuralFamily());
  }

  @Test
  void specErrorsNameTheField() {
    suites.assertPlanError(
        suites.experiment("{type: mlp, hidden: [0]}", GAUSSIANS, "[grid-mle]", ""),
        "experiments[0].model.hidden[0]: must be between 1 and 4096, got 0");
    suites.assertPlanError(
        suites.experiment("{type: mlp, hidden: [4], activation: relu}", GAUSSIANS, "[grid-mle]", ""),
        "experiments[0].model.activation: activation must be softplus, silu or tanh, got 'relu'");
    suites.assertPlanError(
        suites.experiment(MLP, "{density: spiral, train: 100, test: 10}", "[grid-mle]", ""),
        "experiments[0].data.density: unknown density 'spiral' (known: 8gaussians, rings, moons,"
            + " checkerboard, swissroll, pinwheel, mixtureD for d = 1..1024)");
    suites.assertPlanError(
        suites.experiment(MLP, "{train: 100, test: 10}", "[grid-mle]", ""),
        "experiments[0].data: the neural family takes {density: name, train: N, test: M}");
    suites.assertPlanError(
        suites.experiment(MLP, "{density: rings, train: 100, test: 10, testRows: 3}", "[grid-mle]", ""),
        "experiments[0].data: a density takes only train and test sizes");
  }

  @Test
  void batchPartsAreCheckedAgainstTheBatch() {
    suites.assertPlanError(
        suites.experiment("{type: mlp, hidden: [8], batchParts: 0}", GAUSSIANS, "[grid-mle]", ""),
        "experiments[0].model.batchParts: must be between 1 and 64, got 0");
    suites.assertPlanError(
        suites.experiment("{type: mlp, hidden: [8], batchParts: 21}", GAUSSIANS, "[grid-mle]", ""),
        "experiments[0].model.batchParts: a batch of 20 rows cannot split into 21 parts");
  }

  @Test
  void batchPartsRunEveryEstimatorAndKeyOnlyWhenTheyChangeTheCell() throws IOException {
    String estimators = "[grid-mle, score-matching, denoising-sm-0.1, cd-2, replay-cd-2]";
    String parts = "{type: mlp, hidden: [8, 8], batchParts: 2}";
    Plan plan = suites.plan(suites.experiment(parts, GAUSSIANS, estimators, LANGEVIN));
    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(plan, SampleResults.create().withCells(List.of()), dir.resolve("out/results.json"));
    assertThat(results.cells()).hasSize(5);
    for (CellResult cell : results.cells()) {
      assertThat(cell.status()).as(cell.estimator() + ": " + cell.reason()).isEqualTo(CellResult.OK);
      assertThat(cell.model().path("batchParts").asInt()).isEqualTo(2);
    }
    // One part is the whole batch: the same cells as without the field; two parts are others.
    List<String> whole = keys(suites.plan(suites.experiment(MLP, GAUSSIANS, estimators, LANGEVIN)));
    String one = "{type: mlp, hidden: [8, 8], batchParts: 1}";
    assertThat(keys(suites.plan(suites.experiment(one, GAUSSIANS, estimators, LANGEVIN))))
        .isEqualTo(whole);
    assertThat(keys(plan)).doesNotContainAnyElementsOf(whole);
  }

  private static List<String> keys(Plan plan) {
    return plan.cells().stream().map(Cell::key).toList();
  }

  @Test
  void estimatorsMustSuitAnMlpEnergy() {
    suites.assertPlanError(
        suites.experiment(MLP, GAUSSIANS, "[exact-mle]", ""),
        "experiments[0].estimators[0]: exact-mle needs an exact partition function, which an MLP"
            + " energy lacks; use grid-mle (2-D)");
    suites.assertPlanError(
        suites.experiment(MLP, "{density: mixture8, train: 100, test: 10}", "[grid-mle]", ""),
        "experiments[0].estimators[0]: grid-mle integrates on a 2-D grid; mixture8 has dimension 8");
    suites.assertPlanError(
        suites.experiment(MLP, GAUSSIANS, "[cd-1]", "    sampler: {type: gibbs}\n"),
        "experiments[0].estimators[0]: the gibbs sampler does not suit an MLP energy (neural:"
            + " langevin, mala)");
    suites.assertPlanError(
        suites.experiment("{type: gaussian, d: 2}", "{train: 100, test: 10}", "[grid-mle]", "")
            .replace("family: neural", "family: toy"),
        "experiments[0].estimators[0]: this estimator needs a neural energy (grid, noise box or"
            + " directional derivatives): use it in the neural family");
  }

  @Test
  void eightGaussiansRunsEveryEstimatorWithGridMetricsAndPictures() throws IOException {
    String estimators =
        "[grid-mle, score-matching, sliced-sm-vr-1, denoising-sm-0.1, cd-2, pcd-2, replay-cd-2,"
            + " {name: cd-2, sampler: {type: mala, stepSize: 0.01}}]";
    Plan plan = suites.plan(suites.experiment(MLP, GAUSSIANS, estimators, LANGEVIN + "    evaluateEvery: 2\n"));
    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(plan, SampleResults.create().withCells(List.of()), dir.resolve("out/results.json"));

    assertThat(results.cells()).hasSize(8);
    for (CellResult cell : results.cells()) {
      assertThat(cell.status()).as(cell.estimator() + ": " + cell.reason()).isEqualTo(CellResult.OK);
      assertThat(cell.curve()).extracting(CurvePoint::step).containsExactly(0L, 2L, 4L);
      assertThat(cell.summary())
          .containsOnlyKeys(
              "klDataToModel", "klModelToData", "fisherDivergence", "logZ", "secondsPerStep",
              "totalSeconds");
      assertThat(cell.summary().get("klDataToModel")).isPositive();
      assertThat(cell.pictures()).extracting(Picture::name).containsExactly("density", "truth", "samples");
    }
    // Step 0 is the same network (the spec's seed) against the same grid target in every cell.
    assertThat(results.cells())
        .extracting(c -> c.curve().get(0).metrics().get("klDataToModel"))
        .containsOnly(results.cells().get(0).curve().get(0).metrics().get("klDataToModel"));
    assertThat(results.cells().get(0).dataset().path("density").asText()).isEqualTo("8gaussians");
  }

  @Test
  void densitiesWithoutAClosedFormAreScoredAgainstAHistogram() throws IOException {
    Plan plan =
        suites.plan(suites.experiment(MLP, "{density: moons, train: 200, test: 50}", "[sliced-sm-vr-1]", ""));
    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(plan, SampleResults.create().withCells(List.of()), dir.resolve("out/results.json"));
    CellResult cell = results.cells().get(0);
    assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
    assertThat(cell.summary()).containsOnlyKeys("klDataToModel", "logZ", "secondsPerStep", "totalSeconds");
    assertThat(cell.pictures()).filteredOn(p -> p.name().equals("truth"))
        .singleElement()
        .satisfies(p -> assertThat(p.caption()).startsWith("data density (histogram of 1000000 exact draws)"));
  }

  @Test
  void higherDimensionalMixtureGetsAMonteCarloFisherDivergence() throws IOException {
    Plan plan =
        suites.plan(
            suites.experiment(MLP, "{density: mixture8, train: 100, test: 50}", "[score-matching, sliced-sm-1]", ""));
    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(plan, SampleResults.create().withCells(List.of()), dir.resolve("out/results.json"));
    for (CellResult cell : results.cells()) {
      assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
      assertThat(cell.summary())
          .containsOnlyKeys("fisherDivergence", "fisherDivergenceStdErr", "secondsPerStep", "totalSeconds");
      assertThat(cell.pictures()).isEmpty();
    }
  }
}
