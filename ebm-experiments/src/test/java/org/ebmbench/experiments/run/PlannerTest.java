package org.ebmbench.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.ebmbench.engine.Engines;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.OptimizerSpec;
import org.ebmbench.experiments.suite.SamplerSpec;
import org.ebmbench.experiments.suite.SuiteException;
import org.ebmbench.experiments.suite.SuiteLoader;
import org.ebmbench.experiments.testing.StubFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
  private static final String EXPERIMENT_A =
      """
        - family: toy
          model: {type: stub, n: 4}
          data: {train: 100, test: 50}
          estimators: [exact-mle, cd-1, {name: pcd-2, optimizer: {type: adam, lr: 0.01}}]
          optimizer: {type: sgd, lr: 0.1}
          steps: 10
          batchSize: 20
      """;
  private static final String EXPERIMENT_B =
      """
        - family: toy
          model: {type: stub, n: 5}
          data: {train: 100, test: 50}
          estimators: [cd-3]
          sampler: {type: mh, stepSize: 0.5}
          optimizer: {type: adam, lr: 0.01}
          steps: 40
          batchSize: 10
          evaluateEvery: 4
          seeds: [9]
      """;

  @TempDir Path dir;

  private final StubFamily family = new StubFamily();
  private final Families families = new Families(List.of(family));

  private Plan plan(String suiteText, List<String> selected) throws IOException {
    Files.writeString(dir.resolve("s.yaml"), suiteText);
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load("s.yaml", dir);
    return new Planner(families).plan(loaded, Engines.byName("cpu"), selected);
  }

  private Plan plan(String suiteText, EngineChoice engines) throws IOException {
    Files.writeString(dir.resolve("s.yaml"), suiteText);
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load("s.yaml", dir);
    return new Planner(families).plan(loaded, engines, List.of());
  }

  private static String suite(String seeds, String... experiments) {
    return "name: t\nseeds: " + seeds + "\nexperiments:\n" + String.join("", experiments);
  }

  @Test
  void expandsExperimentByEstimatorBySeedWithDefaultsResolved() throws IOException {
    Plan plan = plan(suite("[1, 2]", EXPERIMENT_A, EXPERIMENT_B), List.of());
    // A: 3 estimators x 2 suite seeds; B: 1 estimator x its own seed.
    assertThat(plan.cells()).hasSize(7);
    assertThat(plan.cells().stream().map(Cell::label).toList())
        .containsExactly(
            "toy stub exact-mle seed 1", "toy stub exact-mle seed 2",
            "toy stub cd-1 seed 1", "toy stub cd-1 seed 2",
            "toy stub pcd-2 seed 1", "toy stub pcd-2 seed 2",
            "toy stub cd-3 seed 9");
    Cell exact = plan.cells().get(0);
    assertThat(exact.sampler()).isNull();
    Cell cd1 = plan.cells().get(2);
    assertThat(cd1.sampler()).isEqualTo(new SamplerSpec.Gibbs());
    assertThat(cd1.parsed().k()).isEqualTo(1);
    assertThat(plan.cells().get(4).optimizer()).isEqualTo(new OptimizerSpec.Adam(0.01, null, null, null));
    Cell cd3 = plan.cells().get(6);
    assertThat(cd3.sampler()).isEqualTo(new SamplerSpec.MetropolisHastings(0.5));
    assertThat(cd3.evaluateEvery()).isEqualTo(4);
    assertThat(plan.cells()).extracting(Cell::key).doesNotHaveDuplicates();
    assertThat(plan.cells()).allSatisfy(c -> assertThat(c.key()).matches("[0-9a-f]{16}"));
  }

  @Test
  void keysDoNotDependOnOrder() throws IOException {
    List<String> original = keys(plan(suite("[1, 2]", EXPERIMENT_A, EXPERIMENT_B), List.of()));
    String reorderedA =
        EXPERIMENT_A.replace(
            "[exact-mle, cd-1, {name: pcd-2, optimizer: {type: adam, lr: 0.01}}]",
            "[{name: pcd-2, optimizer: {lr: 0.01, type: adam}}, cd-1, exact-mle]");
    List<String> reordered = keys(plan(suite("[2, 1]", EXPERIMENT_B, reorderedA), List.of()));
    assertThat(reordered).containsExactlyInAnyOrderElementsOf(original);
  }

  @Test
  void writingADefaultExplicitlyKeepsTheKey() throws IOException {
    List<String> original = keys(plan(suite("[1]", EXPERIMENT_A), List.of()));
    String explicit =
        EXPERIMENT_A
            .replace(
                "{type: sgd, lr: 0.1}",
                "{lr: 0.1, momentum: 0.0, weightDecay: 0, schedule: {type: constant}, type: sgd}")
            .replace("batchSize: 20", "batchSize: 20\n    evaluateEvery: 1");
    assertThat(keys(plan(suite("[1]", explicit), List.of()))).isEqualTo(original);
  }

  @Test
  void everySettingChangesTheKey() throws IOException {
    List<String> original = keys(plan(suite("[1]", EXPERIMENT_A), List.of()));
    for (String[] change :
        List.of(
            new String[] {"n: 4", "n: 6"},
            new String[] {"train: 100", "train: 101"},
            new String[] {"test: 50", "test: 51"},
            new String[] {"steps: 10", "steps: 11"},

            new String[] {"batchSize: 20", "batchSize: 21"})) {
      List<String> changed = keys(plan(suite("[1]", EXPERIMENT_A.replace(change[0], change[1])), List.of()));
      assertThat(changed).as(change[1]).doesNotContainAnyElementsOf(original);
    }
    // The experiment's optimizer serves the first two cells; pcd-2 (the third) has its own.
    for (String optimizer :
        List.of(
            "{type: sgd, lr: 0.2}",
            "{type: sgd, lr: 0.1, weightDecay: 0.001}",
            "{type: sgd, lr: 0.1, schedule: {type: linear, final: 0.5}}")) {
      List<String> other =
          keys(plan(suite("[1]", EXPERIMENT_A.replace("{type: sgd, lr: 0.1}", optimizer)), List.of()));
      assertThat(other.subList(0, 2)).as(optimizer).doesNotContainAnyElementsOf(original);
      assertThat(other.get(2)).isEqualTo(original.get(2));
    }
    List<String> otherOverride = keys(plan(suite("[1]", EXPERIMENT_A.replace("lr: 0.01", "lr: 0.02")), List.of()));
    assertThat(otherOverride.subList(0, 2)).isEqualTo(original.subList(0, 2));
    assertThat(otherOverride.get(2)).isNotEqualTo(original.get(2));
    assertThat(keys(plan(suite("[3]", EXPERIMENT_A), List.of()))).doesNotContainAnyElementsOf(original);
  }

  @Test
  void aRepeatedCellIsAnError() {
    assertThatThrownBy(() -> plan(suite("[1]", EXPERIMENT_A, EXPERIMENT_A), List.of()))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith(
            "suite s.yaml: experiments[1].estimators[0]: with seed 1 repeats the cell of"
                + " experiments[0].estimators[0] with seed 1");
  }

  @Test
  void familyRulesAreCheckedBeforeAnythingRuns() {
    assertThatThrownBy(
            () -> plan(suite("[1]", EXPERIMENT_A.replace("cd-1,", "score-matching,")), List.of()))
        .isInstanceOf(SuiteException.class)
        .hasMessage(
            "suite s.yaml: experiments[0].estimators[1]: score-matching needs a continuous model");
    assertThat(family.ran()).isEmpty();
  }

  @Test
  void unimplementedFamilyInASuiteIsAClearError() {
    assertThatThrownBy(() -> plan(suite("[1]", EXPERIMENT_A.replace("family: toy", "family: rbm")), List.of()))
        .isInstanceOf(SuiteException.class)
        .hasMessage(
            "suite s.yaml: experiments[0].family: family 'rbm' has no implementation yet"
                + " (implemented: toy)");
    assertThatThrownBy(() -> plan(suite("[1]", EXPERIMENT_A.replace("family: toy", "family: toys")), List.of()))
        .isInstanceOf(SuiteException.class)
        .hasMessage(
            "suite s.yaml: experiments[0].family: unknown family 'toys' (known: toy, rbm, crf, neural)");
  }

  @Test
  void selectingAFamilyWithoutCells() throws IOException {
    Plan plan = plan(suite("[1]", EXPERIMENT_A), List.of("toy", "rbm"));
    assertThat(plan.cells()).hasSize(3);
    assertThat(plan.notes())
        .containsExactly("suite t has no cells for family 'rbm' (not implemented yet)");
    assertThatThrownBy(() -> plan(suite("[1]", EXPERIMENT_A), List.of("crf")))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "suite t has no cells for family 'crf' (not implemented yet); nothing to run"
                + " (families in this suite: toy)");
    assertThatThrownBy(() -> plan(suite("[1]", EXPERIMENT_A), List.of("ising")))
        .isInstanceOf(InputException.class)
        .hasMessage("--family: unknown family 'ising' (known: toy, rbm, crf, neural)");
  }

  @Test
  void suiteEnginesRunEachCellOnEveryEngineAndKeepTheCpuCellsKeys() throws IOException {
    String onBoth =
        "engines: [cpu, gpu]\n"
            + suite(
                "[1, 2]",
                EXPERIMENT_A,
                EXPERIMENT_B.replace("seeds: [9]", "seeds: [9]\n    engines: [gpu]"));
    Plan plan = plan(onBoth, EngineChoice.fromSuite(null));
    // A: 3 estimators x 2 seeds x 2 engines; B: its one cell on gpu only. One engine's cells run
    // together, in the suite's order: A's six cpu cells, then A's six gpu cells, then B's.
    assertThat(plan.cells()).hasSize(13);
    assertThat(plan.cells().stream().map(Cell::engine).toList())
        .containsExactly("cpu", "cpu", "cpu", "cpu", "cpu", "cpu",
            "gpu", "gpu", "gpu", "gpu", "gpu", "gpu", "gpu");
    assertThat(plan.cells().subList(6, 8).stream().map(Cell::seed).toList())
        .containsExactly(1L, 2L);
    assertThat(plan.cells().get(12).experimentIndex()).isEqualTo(1);
    assertThat(plan.engines().stream().map(e -> e.name()).toList()).containsExactly("cpu", "gpu");
    // The cpu cells are the cells of a cpu-only run, keys included (resume and baselines).
    Plan cpuOnly = plan(suite("[1, 2]", EXPERIMENT_A), List.of());
    assertThat(plan.cells().stream().filter(c -> c.engine().equals("cpu")).map(Cell::key).toList())
        .isEqualTo(keys(cpuOnly));
    assertThat(plan.cells().stream().filter(c -> c.engine().equals("gpu")).map(Cell::key))
        .doesNotContainAnyElementsOf(keys(cpuOnly));
  }

  @Test
  void withoutEnginesAnywhereCellsRunOnCpu() throws IOException {
    Plan plan = plan(suite("[1]", EXPERIMENT_A), EngineChoice.fromSuite(null));
    assertThat(plan.cells()).extracting(Cell::engine).containsOnly("cpu");
    assertThat(keys(plan)).isEqualTo(keys(plan(suite("[1]", EXPERIMENT_A), List.of())));
  }

  @Test
  void commandLineEnginesReplaceTheSuites() throws IOException {
    String onBoth = "engines: [cpu, gpu]\n" + suite("[1]", EXPERIMENT_A);
    Plan plan = plan(onBoth, EngineChoice.fixed(List.of(Engines.byName("gpu"))));
    assertThat(plan.cells()).hasSize(3).extracting(Cell::engine).containsOnly("gpu");
  }

  @Test
  void suitePrecisionIsPartOfTheEngineName() throws IOException {
    String suite = suite("[1]", EXPERIMENT_A);
    Plan plan = plan("engines: [cpu, gpu:double]\n" + suite, EngineChoice.fromSuite(null));
    assertThat(plan.cells())
        .extracting(Cell::engine)
        .containsExactly("cpu", "cpu", "cpu", "gpu:double", "gpu:double", "gpu:double");
    Plan floats = plan("engines: [cpu]\n" + suite, EngineChoice.fromSuite("float"));
    assertThat(floats.cells()).extracting(Cell::engine).containsOnly("cpu:float");
  }

  private static List<String> keys(Plan plan) {
    return plan.cells().stream().map(Cell::key).collect(Collectors.toList());
  }
}
