package org.ebmbench.experiments.rbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.experiments.report.ReportWriter;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.run.Plan;
import org.ebmbench.experiments.run.RunProgress;
import org.ebmbench.experiments.run.Runner;
import org.ebmbench.experiments.suite.SamplerSpec;
import org.ebmbench.experiments.testing.FamilySuites;
import org.ebmbench.experiments.testing.SampleResults;
import org.ebmbench.experiments.toy.ToyFamily;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbmFamilyTest {
  @TempDir Path dir;

  private FamilySuites suites;

  @BeforeEach
  void suites() {
    suites = new FamilySuites(dir, "rbm", 10, new ToyFamily(), new RbmFamily());
  }

  private static final String RBM = "{type: rbm, hidden: 4}";
  private static final String BARS = "{barsAndStripes: 4}";

  @Test
  void specErrorsNameTheField() {
    suites.assertPlanError(
        suites.experiment("{type: rbm, hidden: 0}", BARS, "[cd-1]", ""),
        "experiments[0].model.hidden: must be between 1 and 4096, got 0");
    suites.assertPlanError(
        suites.experiment("{type: rbm}", BARS, "[cd-1]", ""), "experiments[0].model.hidden: required");
    suites.assertPlanError(
        suites.experiment(RBM, "{barsAndStripes: 9}", "[cd-1]", ""),
        "experiments[0].data.barsAndStripes: must be between 2 and 8, got 9");
    suites.assertPlanError(
        suites.experiment(RBM, "{barsAndStripes: 4, train: 10}", "[cd-1]", ""),
        "experiments[0].data: give one source: train/test sizes, file, barsAndStripes, shiftingBars"
            + " or idx");
    suites.assertPlanError(
        suites.experiment(RBM, "{shiftingBars: 6, barLength: 6}", "[cd-1]", ""),
        "experiments[0].data.barLength: must be between 1 and 5, got 6");
    suites.assertPlanError(
        suites.experiment(RBM, "{barsAndStripes: 4, barLength: 2}", "[cd-1]", ""),
        "experiments[0].data.barLength: applies to shiftingBars");
    suites.assertPlanError(
        suites.experiment(RBM, "{train: 100, test: 10}", "[cd-1]", ""),
        "experiments[0].data: the rbm family takes {barsAndStripes: size}, {shiftingBars: width,"
            + " barLength} or {idx: file, rows, testRows}");
    suites.assertPlanError(
        suites.experiment(RBM, "{barsAndStripes: 2}", "[cd-1]", ""),
        "experiments[0].batchSize: must be at most the 6 training rows, got 10");
  }

  @Test
  void estimatorsAndSamplersMustFitBinaryUnits() {
    suites.assertPlanError(
        suites.experiment(RBM, BARS, "[score-matching]", ""),
        "experiments[0].estimators[0]: score-matching needs a continuous model; an rbm is on binary units");
    suites.assertPlanError(
        suites.experiment(RBM, BARS, "[cd-1]", "    sampler: {type: langevin, stepSize: 0.1}\n"),
        "experiments[0].estimators[0]: the langevin sampler needs a continuous model (rbm: gibbs, mh)");
    suites.assertPlanError(
        suites.experiment(RBM, BARS, "[cd-1]", "    sampler: {type: mh, stepSize: 0.1}\n"),
        "experiments[0].estimators[0]: the mh sampler flips binary units of an rbm; remove its stepSize");
  }

  @Test
  void familiesKeepToTheirOwnModelsAndData() {
    suites.assertPlanError(
        suites.experiment("{type: ising, n: 4}", BARS, "[cd-1]", ""),
        "experiments[0].model.type: not a model of the rbm family (rbm types: rbm, gaussian-rbm)");
    suites.assertPlanError(
        suites.experiment(RBM, BARS, "[cd-1]", "").replace("family: rbm", "family: toy").replace(RBM, "{type: ising, n: 16}"),
        "experiments[0].data: the toy family takes data drawn from its model or a CSV file, not"
            + " generated patterns");
  }

  @Test
  void barsAndStripesRunsEndToEndWithExactMetrics() throws IOException {
    Plan plan = suites.plan(suites.experiment(RBM, BARS, "[exact-mle, cd-1, pcd-1]", "    evaluateEvery: 2\n"));
    assertThat(plan.cells()).allSatisfy(c -> assertThat(c.family()).isEqualTo("rbm"));
    assertThat(plan.cells().get(1).sampler()).isEqualTo(new SamplerSpec.Gibbs());

    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(plan, SampleResults.create().withCells(List.of()), dir.resolve("out/results.json"));

    assertThat(results.cells()).hasSize(3);
    for (CellResult cell : results.cells()) {
      assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
      assertThat(cell.curve()).extracting(CurvePoint::step).containsExactly(0L, 2L, 4L);
      assertThat(cell.summary())
          .containsOnlyKeys(
              "logLikelihood", "klDataToModel", "pseudoLogLikelihood", "reconstructionError",
              "secondsPerStep", "totalSeconds");
      assertThat(cell.summary().get("reconstructionError")).isBetween(0.0, 1.0);
      // Filters: 4 hidden units in a 2 x 2 grid of 4 x 4 tiles; samples: a 6 x 6 grid.
      assertThat(cell.pictures()).extracting(p -> p.name()).containsExactly("filters", "samples");
      assertThat(cell.pictures().get(0).width()).isEqualTo(2 * 5 + 1);
      assertThat(cell.pictures().get(1).width()).isEqualTo(6 * 5 + 1);
      // KL(uniform over the 30 patterns || model) = -log 30 - mean log P, by definition; the sum
      // of two doubles of size ~10 is exact to ~1e-14.
      assertThat(cell.summary().get("klDataToModel"))
          .isCloseTo(-Math.log(30) - cell.summary().get("logLikelihood"), within(1e-12));
      assertThat(cell.summary().get("klDataToModel")).isPositive();
    }
    // At step 0 every cell has the same initial model (the model spec's seed), so the same values.
    assertThat(results.cells())
        .extracting(c -> c.curve().get(0).metrics().get("logLikelihood"))
        .containsOnly(results.cells().get(0).curve().get(0).metrics().get("logLikelihood"));
    assertThat(results.cells().get(0).dataset().path("barsAndStripes").asInt()).isEqualTo(4);

    String html = ReportWriter.render(results);
    assertThat(html)
        .contains("final KL (data\u00a0\u2016\u00a0model)", "final log-likelihood", "bars-and-stripes 4x4");
    assertThat(html).contains("klDataToModel vs step", "klDataToModel vs training time");
  }

  @Test
  void missingIdxFileSkipsTheCellsWithInstallHint() throws IOException {
    Plan plan =
        suites.plan(
            suites.experiment(RBM, "{idx: missing-idx3-ubyte.gz, rows: 10, testRows: 5}", "[cd-1]", ""));
    String reason =
        "experiments[0].data.idx: no such file: missing-idx3-ubyte.gz (looked for "
            + dir.resolve("missing-idx3-ubyte.gz") + " and"
            + " /usr/share/datasets/fashion-mnist/missing-idx3-ubyte.gz); for Fashion-MNIST run"
            + " 'apt-get install dataset-fashion-mnist' (it installs the files under"
            + " /usr/share/datasets/fashion-mnist), or pass --data DIR with the folder of your copy";
    assertThat(plan.notes()).containsExactly("experiments[0] (rbm): skipped: " + reason);

    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(plan, SampleResults.create().withCells(List.of()), dir.resolve("results.json"));
    assertThat(results.cells()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(CellResult.SKIPPED);
      assertThat(c.reason()).isEqualTo(reason);
      assertThat(c.summary()).isEmpty();
      assertThat(c.curve()).isEmpty();
    });
    assertThat(ReportWriter.render(results))
        .contains("1 cells: 0 ok, 0 failed, 1 skipped (data not here)", "<span class=\"status-skipped\">skipped</span>");
  }

  @Test
  void idxImagesRunWithHeldOutMetrics() throws IOException {
    writeIdx(dir.resolve("tiny-idx3-ubyte"), 30, 2, 3);
    String data = "{idx: tiny-idx3-ubyte, rows: 20, testRows: 10}";
    Plan plan = suites.plan(suites.experiment(RBM, data, "[exact-mle, cd-1]", ""));
    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(plan, SampleResults.create().withCells(List.of()), dir.resolve("out/results.json"));

    assertThat(results.cells()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CellResult.OK));
    assertThat(results.cells().get(0).summary())
        .containsOnlyKeys(
            "heldOutLogLikelihood", "pseudoLogLikelihood", "reconstructionError", "secondsPerStep",
            "totalSeconds");
    assertThat(results.cells().get(0).dataset().path("threshold").asDouble()).isEqualTo(0.5);
    assertThat(results.cells().get(0).dataset().path("sha256").asText()).hasSize(64);

    suites.assertPlanError(
        suites.experiment(RBM, "{idx: tiny-idx3-ubyte, rows: 25, testRows: 10}", "[cd-1]", ""),
        "experiments[0].data: rows + testRows = 35 but tiny-idx3-ubyte holds 30 images");
    suites.assertPlanError(
        suites.experiment(RBM, "{idx: tiny-idx3-ubyte, rows: 20, testRows: 10, threshold: 0.5, binarizeSeed: 1}", "[cd-1]", ""),
        "experiments[0].data: give threshold or binarizeSeed, not both");
  }

  @Test
  void exactMetricsNeedAnEnumerableLayerOrAis() throws IOException {
    writeIdx(dir.resolve("wide-idx3-ubyte"), 12, 6, 5);
    String data = "{idx: wide-idx3-ubyte, rows: 10, testRows: 2}";
    suites.assertPlanError(
        suites.experiment("{type: rbm, hidden: 26}", data, "[cd-1]", ""),
        "experiments[0].model.hidden: exact log-likelihoods enumerate the smaller layer, at most 25"
            + " units; 30 visible and 26 hidden units leave 26 (give the model an ais: {steps, runs}"
            + " to estimate them)");
    String withAis = "{type: rbm, hidden: 26, ais: {steps: 20, runs: 10, reverse: true}}";
    suites.assertPlanError(
        suites.experiment(withAis, data, "[exact-mle]", ""),
        "experiments[0].estimators[0]: exact-mle enumerates the smaller layer, at most 25 units;"
            + " this rbm has 26");
    suites.assertPlanError(
        suites.experiment("{type: rbm, hidden: 26, ais: {runs: 1}}", data, "[cd-1]", ""),
        "experiments[0].model.ais.runs: must be between 2 and 100000, got 1");
    suites.assertPlanError(
        suites.experiment("{type: rbm, hidden: 26, ais: {schedule: cubic}}", data, "[cd-1]", ""),
        "experiments[0].model.ais.schedule: must be salakhutdinov-murray or linear, got 'cubic'");

    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(
                suites.plan(suites.experiment(withAis, data, "[cd-1]", "")),
                SampleResults.create().withCells(List.of()),
                dir.resolve("out/results.json"));
    CellResult cell = results.cells().get(0);
    assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
    assertThat(cell.summary())
        .containsOnlyKeys(
            "heldOutLogLikelihoodAis", "heldOutLogLikelihoodAisStdErr", "aisEffectiveSampleSize",
            "heldOutLogLikelihoodRaise", "heldOutLogLikelihoodRaiseStdErr", "pseudoLogLikelihood",
            "reconstructionError", "secondsPerStep", "totalSeconds");
    assertThat(cell.summary().get("heldOutLogLikelihoodAisStdErr")).isPositive();
    assertThat(cell.summary().get("aisEffectiveSampleSize")).isBetween(1.0, 10.0);
    assertThat(cell.summary().get("heldOutLogLikelihoodRaiseStdErr")).isPositive();
    // 30 pixels are not a square: filters are drawn as 30 x 1 strips.
    assertThat(cell.pictures().get(0).width()).isEqualTo(31 * 6 + 1);
  }

  @Test
  void shiftingBarsRunWithExactMetrics() throws IOException {
    Plan plan =
        suites.plan(suites.experiment(RBM, "{shiftingBars: 12, barLength: 3}", "[cd-1]", "")
            .replace("batchSize: 10", "batchSize: 12"));
    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(plan, SampleResults.create().withCells(List.of()), dir.resolve("out/results.json"));
    CellResult cell = results.cells().get(0);
    assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
    // KL from the uniform over the 12 patterns = -log 12 - mean log P.
    assertThat(cell.summary().get("klDataToModel"))
        .isCloseTo(-Math.log(12) - cell.summary().get("logLikelihood"), within(1e-12));
    assertThat(cell.dataset().path("shiftingBars").asInt()).isEqualTo(12);
    assertThat(cell.dataset().path("barLength").asInt()).isEqualTo(3);
  }

  @Test
  void gaussianRbmsLearnDensityDrawsWithAnExactLikelihood() throws IOException {
    String gaussian = "{type: gaussian-rbm, hidden: 3}";
    String draws = "{density: 8gaussians, train: 40, test: 20}";
    ResultsFile results =
        new Runner(RunProgress.SILENT)
            .run(
                suites.plan(suites.experiment(gaussian, draws, "[exact-mle, cd-1]", "")),
                SampleResults.create().withCells(List.of()),
                dir.resolve("out/results.json"));
    assertThat(results.cells()).hasSize(2);
    for (CellResult cell : results.cells()) {
      assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
      assertThat(cell.summary())
          .containsOnlyKeys(
              "heldOutLogLikelihood", "reconstructionError", "secondsPerStep", "totalSeconds");
      assertThat(cell.pictures()).isEmpty();
    }
    suites.assertPlanError(
        suites.experiment(RBM, draws, "[cd-1]", ""),
        "experiments[0].data: an rbm has binary units; draws from a density need type:"
            + " gaussian-rbm");
    suites.assertPlanError(
        suites.experiment(gaussian, "{barsAndStripes: 4}", "[cd-1]", ""),
        "experiments[0].data: a gaussian-rbm takes real-valued draws {density: name, train: N,"
            + " test: M}");
    suites.assertPlanError(
        suites.experiment("{type: gaussian-rbm, hidden: 26}", draws, "[cd-1]", ""),
        "experiments[0].model.hidden: must be between 1 and 25, got 26");
    suites.assertPlanError(
        suites.experiment(gaussian, draws, "[cd-1]", "    sampler: {type: mh}\n"),
        "experiments[0].estimators[0]: a gaussian-rbm samples by block Gibbs only (sampler:"
            + " gibbs), got mh");
  }

  @Test
  void theDataFolderReplacesTheSuiteFolderForIdxFiles() throws IOException {
    Path data = Files.createDirectories(dir.resolve("elsewhere"));
    writeIdx(data.resolve("tiny-idx3-ubyte"), 30, 2, 3);
    // The sampler is named: a skipped experiment is never prepared, so it cannot supply the
    // family's default sampler, and the key would differ.
    String experiment =
        suites.experiment(
            RBM, "{idx: tiny-idx3-ubyte, rows: 20, testRows: 10}", "[cd-1]",
            "    sampler: {type: gibbs}\n");
    Plan skipped = suites.plan(experiment);
    assertThat(skipped.notes()).singleElement().asString().contains("skipped");
    Plan plan = suites.plan(experiment, data);
    assertThat(plan.notes()).isEmpty();
    String sha256 = plan.cells().get(0).data().sha256();
    assertThat(sha256).hasSize(64);
    // With the hash pinned in the suite (and the sampler named), a cell has the same key whether
    // its data is here or not, so a skipped cell lines up with its baseline.
    String pinned = experiment.replace("testRows: 10}", "testRows: 10, sha256: " + sha256 + "}");
    assertThat(suites.plan(pinned).cells().get(0).key())
        .isEqualTo(suites.plan(pinned, data).cells().get(0).key());
  }

  /** An uncompressed IDX image file whose grey levels run through 0..255 in a fixed pattern. */
  private static void writeIdx(Path file, int count, int rows, int cols) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(16 + count * rows * cols);
    bytes.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
    for (int i = 0; i < count * rows * cols; i++) {
      bytes.put((byte) ((i * 97) % 256));
    }
    Files.write(file, bytes.array());
  }
}
