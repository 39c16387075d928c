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
        "experiments[0].data: give one source: train/test sizes, file, barsAndStripes or idx");
    suites.assertPlanError(
        suites.experiment(RBM, "{train: 100, test: 10}", "[cd-1]", ""),
        "experiments[0].data: the rbm family takes {barsAndStripes: size} or {idx: file, rows,"
            + " testRows}");
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
        "experiments[0].model.type: not a model of the rbm family (rbm types: rbm)");
    suites.assertPlanError(
        suites.experiment(RBM, BARS, "[cd-1]", "").replace("family: rbm", "family: toy").replace(RBM, "{type: ising, n: 16}"),
        "experiments[0].data: the toy family takes data drawn from its model or a CSV file, not"
            + " bars-and-stripes patterns");
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
              "logLikelihood", "klDataToModel", "pseudoLogLikelihood", "secondsPerStep", "totalSeconds");
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
        "experiments[0].data.idx: no such file: missing-idx3-ubyte.gz ("
            + dir.resolve("missing-idx3-ubyte.gz") + "); for Fashion-MNIST run 'apt-get install"
            + " dataset-fashion-mnist' (it installs the files under /usr/share/datasets/fashion-mnist)"
            + " or point idx at your copy";
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
        .containsOnlyKeys("heldOutLogLikelihood", "pseudoLogLikelihood", "secondsPerStep", "totalSeconds");
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
  void exactMetricsNeedAnEnumerableLayer() throws IOException {
    writeIdx(dir.resolve("wide-idx3-ubyte"), 12, 6, 5);
    suites.assertPlanError(
        suites.experiment("{type: rbm, hidden: 26}", "{idx: wide-idx3-ubyte, rows: 10, testRows: 2}", "[cd-1]", ""),
        "experiments[0].model.hidden: exact log-likelihoods enumerate the smaller layer, at most 25"
            + " units; 30 visible and 26 hidden units leave 26");
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
