package org.ebmbench.experiments.crf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.crf.EngineChainLikelihoodKernel;
import org.ebmbench.crf.HostChainLikelihoodKernel;
import org.ebmbench.crf.conll.Conll2000Files;
import org.ebmbench.engine.Availability;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.EngineInfo;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.experiments.report.ReportWriter;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.run.Plan;
import org.ebmbench.experiments.run.RunProgress;
import org.ebmbench.experiments.run.Runner;
import org.ebmbench.experiments.testing.FamilySuites;
import org.ebmbench.experiments.testing.SampleResults;
import org.ebmbench.experiments.toy.ToyFamily;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrfFamilyTest {
  @TempDir Path dir;

  private FamilySuites suites;

  @BeforeEach
  void suites() {
    suites = new FamilySuites(dir, "crf", 10, new ToyFamily(), new CrfFamily());
  }

  private static final String CHAIN = "{type: chain-crf, attributes: 10, labels: 3, length: 5}";
  private static final String GRID = "{type: grid-crf, height: 3, width: 3, truth: [0.0, 1.5, 0.5]}";
  private static final String DRAWN = "{train: 40, test: 10}";

  private ResultsFile run(String experiment) throws IOException {
    Plan plan = suites.plan(experiment);
    return new Runner(RunProgress.SILENT)
        .run(plan, SampleResults.create().withCells(List.of()), dir.resolve("out/results.json"));
  }

  @Test
  void estimatorsSamplersAndOptimizersMustFit() {
    suites.assertPlanError(
        suites.experiment(CHAIN, DRAWN, "[score-matching]", ""),
        "experiments[0].estimators[0]: score-matching needs a continuous model; CRF labels are"
            + " discrete");
    suites.assertPlanError(
        suites.experiment(CHAIN, DRAWN, "[cd-1]", "    sampler: {type: mh}\n"),
        "experiments[0].estimators[0]: CRF chains are Gibbs samplers over the labels; use sampler"
            + " {type: gibbs}");
    suites.assertPlanError(
        suites.experiment(CHAIN, DRAWN, "[{name: cd-1, optimizer: {type: lbfgs}}]", ""),
        "experiments[0].estimators[0]: lbfgs minimizes the exact objective: chain CRFs with"
            + " exact-mle only, not 'cd-1' here");
    suites.assertPlanError(
        suites.experiment(CHAIN, DRAWN, "[{name: exact-mle, optimizer: {type: lbfgs}}]", ""),
        "experiments[0].batchSize: lbfgs is full-batch: set batchSize to the 40 training"
            + " sequences");
    suites.assertPlanError(
        suites.experiment("{type: grid-crf, height: 5, width: 5}", DRAWN, "[exact-mle]", ""),
        "experiments[0].estimators[0]: exact-mle enumerates log Z(x): grids of at most 20 sites"
            + " only");
    suites.assertPlanError(
        suites.experiment("{type: grid-crf, height: 5, width: 5, truth: [0, 1, 1]}", DRAWN,
            "[cd-1]", ""),
        "experiments[0].model.truth: labels drawn from a true model need at most 20 sites"
            + " (enumeration); 5 x 5 has 25");
    suites.assertPlanError(
        suites.experiment(CHAIN, "{barsAndStripes: 4}", "[cd-1]", ""),
        "experiments[0].data: this crf model generates its data: give {train: N, test: M}"
            + " sequences");
    suites.assertPlanError(
        suites.experiment("{type: ising, n: 4}", DRAWN, "[cd-1]", ""),
        "experiments[0].model.type: not a model of the crf family (crf types: chain-crf,"
            + " conll-crf, grid-crf)");
    suites.assertPlanError(
        suites.experiment("{type: ising, n: 4}", DRAWN, "[pseudo-likelihood]", "")
            .replace("family: crf", "family: toy"),
        "experiments[0].estimators[0]: pseudo-likelihood is an estimator of the crf family");
  }

  @Test
  void syntheticChainRunsEveryEstimatorWithExactKl() throws IOException {
    ResultsFile results =
        run(suites.experiment(
                CHAIN, DRAWN, "[exact-mle, cd-1, pcd-1, pseudo-likelihood]",
                "    evaluateEvery: 2\n")
            .replace("{type: sgd, lr: 0.1}", "{type: adam, lr: 0.1}"));
    assertThat(results.cells()).hasSize(4);
    for (CellResult cell : results.cells()) {
      assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
      assertThat(cell.curve()).extracting(CurvePoint::step).containsExactly(0L, 2L, 4L);
      assertThat(cell.summary())
          .containsOnlyKeys(
              "klTrueToModel", "heldOutLogLikelihood", "tokenAccuracy", "secondsPerStep",
              "totalSeconds");
      // Four Adam steps of size 0.1 from zero weights move towards the truth on every estimator.
      assertThat(cell.summary().get("klTrueToModel"))
          .isLessThan(cell.curve().get(0).metrics().get("klTrueToModel"));
    }
    // Step 0 is the zero model for every cell: the same exact KL.
    assertThat(results.cells())
        .extracting(c -> c.curve().get(0).metrics().get("klTrueToModel"))
        .containsOnly(results.cells().get(0).curve().get(0).metrics().get("klTrueToModel"));
    assertThat(results.cells()).extracting(CellResult::estimator)
        .containsExactly("exact-mle", "cd-1", "pcd-1", "pseudo-likelihood");
  }

  @Test
  void lbfgsRunsTheFullBatchObjective() throws IOException {
    ResultsFile results =
        run(suites.experiment(CHAIN, DRAWN, "[exact-mle]", "    evaluateEvery: 2\n")
            .replace("{type: sgd, lr: 0.1}", "{type: lbfgs}")
            .replace("batchSize: 10", "batchSize: 40"));
    CellResult cell = results.cells().get(0);
    assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
    assertThat(cell.summary()).containsKeys("klTrueToModel", "functionEvaluations");
    assertThat(cell.summary().get("functionEvaluations")).isGreaterThanOrEqualTo(4);
    assertThat(cell.summary().get("klTrueToModel"))
        .isLessThan(cell.curve().get(0).metrics().get("klTrueToModel"));
  }

  @Test
  void gridRunsWithExactKlAndAPicture() throws IOException {
    ResultsFile results =
        run(suites.experiment(GRID, DRAWN, "[exact-mle, pcd-1, pseudo-likelihood]", ""));
    for (CellResult cell : results.cells()) {
      assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
      assertThat(cell.summary())
          .containsKeys(
              "pixelError", "heldOutPseudoLogLikelihood", "heldOutLogLikelihood", "klTrueToModel");
      assertThat(cell.pictures()).extracting(p -> p.name()).containsExactly("denoised");
    }
    assertThat(ReportWriter.render(results))
        .contains("KL (true\u00a0\u2016\u00a0model)", "pixelError vs training time");
  }

  /** A tiny CoNLL directory next to the suite: the whole chunking path end to end. */
  @Test
  void conllRunsFromADirectoryNextToTheSuite() throws IOException {
    Path data = Files.createDirectories(dir.resolve("tiny"));
    String sentence =
        "He PRP B-NP\nreckons VBZ B-VP\nthe DT B-NP\ncurrent JJ I-NP\ndeficit NN I-NP\n. . O\n\n"
            + "Chancellor NNP B-NP\nwill MD B-VP\nrespond VB I-VP\n. . O\n\n";
    Files.writeString(data.resolve("train.txt"), sentence.repeat(3));
    Files.writeString(data.resolve("test.txt"), sentence);
    ResultsFile results =
        run(suites.experiment(
                "{type: conll-crf, l2: 0.1, threads: 1}", "{file: tiny}", "[exact-mle, pcd-1]", "")
            .replace("batchSize: 10", "batchSize: 6"));
    for (CellResult cell : results.cells()) {
      assertThat(cell.status()).as(cell.reason()).isEqualTo(CellResult.OK);
      assertThat(cell.summary())
          .containsKeys("chunkF1", "tokenAccuracy", "heldOutLogLikelihood", "parameters");
      assertThat(cell.dataset().path("sha256").asText()).hasSize(64);
    }
    assertThat(ReportWriter.render(results))
        .contains("heldOutLogLikelihood vs training time", "chunkF1 vs training time");
  }

  /**
   * The engine's hint, not its name, picks the forward-backward: the cpu engine keeps the host
   * kernel (its results bit for bit), the gpu engine computes on itself, and an engine that says
   * otherwise gets what it asks for whatever it is called.
   */
  @Test
  void chainKernelFollowsTheEnginesHint() {
    assertThat(CrfFamily.chainKernel(Engines.byName("cpu")))
        .isInstanceOf(HostChainLikelihoodKernel.class);
    assertThat(CrfFamily.chainKernel(Engines.byName("gpu")))
        .isInstanceOf(EngineChainLikelihoodKernel.class);
    assertThat(CrfFamily.chainKernel(hinting("cpu", false)))
        .isInstanceOf(EngineChainLikelihoodKernel.class);
    assertThat(CrfFamily.chainKernel(hinting("third", true)))
        .isInstanceOf(HostChainLikelihoodKernel.class);
  }

  /** The cpu engine under another name, with the given hint. */
  private static Engine hinting(String name, boolean prefersHostKernels) {
    Engine cpu = Engines.byName("cpu");
    return new Engine() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return 0;
      }

      @Override
      public Availability availability() {
        return cpu.availability();
      }

      @Override
      public EngineInfo info() {
        return cpu.info();
      }

      @Override
      public Ops ops(Precision precision) {
        return cpu.ops(precision);
      }

      @Override
      public boolean prefersHostKernels() {
        return prefersHostKernels;
      }
    };
  }

  @Test
  void missingConllSkipsWithWhereItLooked() throws IOException {
    assumeTrue(Conll2000Files.locate().isEmpty(), "CoNLL-2000 is installed here");
    Plan plan = suites.plan(suites.experiment("{type: conll-crf}", "{file: nowhere}", "[cd-1]", ""));
    assertThat(plan.notes()).singleElement().asString()
        .contains("skipped: CoNLL-2000 (train.txt and test.txt) not found; looked in "
            + dir.resolve("nowhere"));
  }
}
