package org.ebmbench.experiments.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ebmbench.engine.Engines;
import org.ebmbench.experiments.crf.CrfFamily;
import org.ebmbench.experiments.run.Cell;
import org.ebmbench.experiments.run.EngineChoice;
import org.ebmbench.experiments.run.Families;
import org.ebmbench.experiments.run.Plan;
import org.ebmbench.experiments.run.Planner;
import org.ebmbench.experiments.neural.NeuralFamily;
import org.ebmbench.experiments.rbm.RbmFamily;
import org.ebmbench.experiments.toy.IsingSpec;
import org.ebmbench.experiments.toy.ToyFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The shipped suites are valid end to end (validation and grid expansion; nothing runs). */
class BuiltInSuitesTest {
  private final Families families =
      new Families(
          List.of(new ToyFamily(), new RbmFamily(), new CrfFamily(), new NeuralFamily()));

  private Plan plan(String name) {
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load(name, Path.of("."));
    return new Planner(families).plan(loaded, Engines.byName("cpu"), List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"smoke", "standard", "full"})
  void validatesAndExpands(String name) {
    Plan plan = plan(name);
    assertThat(plan.suite().suite().name()).isEqualTo(name);
    assertThat(plan.cells()).isNotEmpty();
  }

  /**
   * Issue 7: the standard suite runs every family x estimator on both engines with three seeds
   * (the engines its file declares), and its cpu cells keep the keys they have in a cpu-only plan;
   * the real data sets are in the full suite only.
   */
  @Test
  void standardRunsEveryFamilyAndEstimatorOnBothEnginesWithThreeSeeds() {
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load("standard", Path.of("."));
    Plan declared = new Planner(families).plan(loaded, EngineChoice.fromSuite(null), List.of());
    Map<String, Set<String>> enginesByKind = new TreeMap<>();
    Map<String, Set<Long>> gpuSeeds = new TreeMap<>();
    for (Cell c : declared.cells()) {
      String kind = c.family() + " " + c.parsed().kind();
      enginesByKind.computeIfAbsent(kind, k -> new TreeSet<>()).add(c.engine());
      if (c.engine().equals("gpu")) {
        gpuSeeds.computeIfAbsent(kind, k -> new TreeSet<>()).add(c.seed());
      }
    }
    assertThat(enginesByKind)
        .allSatisfy((kind, engines) -> assertThat(engines).as(kind).containsExactly("cpu", "gpu"));
    assertThat(gpuSeeds)
        .allSatisfy((kind, seeds) -> assertThat(seeds).as(kind).containsExactly(1L, 2L, 3L));
    assertThat(enginesByKind.keySet())
        .extracting(k -> k.split(" ")[0])
        .contains("toy", "rbm", "crf", "neural");
    List<String> cpuKeys =
        declared.cells().stream().filter(c -> c.engine().equals("cpu")).map(Cell::key).toList();
    assertThat(cpuKeys).isEqualTo(plan("standard").cells().stream().map(Cell::key).toList());

    assertThat(declared.cells()).noneMatch(c -> c.data().fromIdx() || c.data().fromFile());
    assertThat(plan("full").cells()).anyMatch(c -> c.data().fromIdx());
    assertThat(plan("full").cells()).anyMatch(c -> c.data().fromFile());
  }

  /** The demonstration: a 12-spin Ising model, every estimator, the same steps. */
  @Test
  void smokeComparesEveryEstimatorOnTwelveSpinsInTheSameSteps() {
    List<Cell> ising =
        plan("smoke").cells().stream()
            .filter(c -> c.model() instanceof IsingSpec s && s.n() == 12)
            .toList();
    assertThat(ising).extracting(c -> c.estimator().name())
        .contains("exact-mle", "cd-1", "cd-10", "pcd-1");
    assertThat(ising).extracting(Cell::steps).containsOnly(ising.get(0).steps());
    // Exact MLE has enough data for KL < 1e-3: the floor P / (2N) with P = 78.
    assertThat(ising).allSatisfy(c -> assertThat(78.0 / (2 * c.data().train())).isLessThan(1e-3 / 2));
  }

  /** The RBM demonstration: bars-and-stripes, CD-1 against CD-10 and PCD-1 in the same steps. */
  @Test
  void smokeComparesRbmEstimatorsInTheSameSteps() {
    List<Cell> rbm = plan("smoke").cells().stream().filter(c -> c.family().equals("rbm")).toList();
    assertThat(rbm).extracting(c -> c.estimator().name())
        .contains("exact-mle", "cd-1", "cd-10", "pcd-1");
    assertThat(rbm).extracting(Cell::steps).containsOnly(rbm.get(0).steps());
    assertThat(rbm).allSatisfy(c -> assertThat(c.data().barsAndStripes()).isEqualTo(4));
  }

  /** The neural demonstrations: 8 gaussians in every suite, the estimators in standard. */
  @Test
  void neuralSuitesCoverEightGaussiansAndTheCostVersusDimension() {
    List<Cell> smoke = plan("smoke").cells().stream().filter(c -> c.family().equals("neural")).toList();
    assertThat(smoke).extracting(c -> c.data().density()).containsOnly("8gaussians");
    assertThat(smoke).extracting(c -> c.estimator().name()).contains("grid-mle", "sliced-sm-vr-1");
    List<Cell> standard =
        plan("standard").cells().stream().filter(c -> c.family().equals("neural")).toList();
    assertThat(standard)
        .filteredOn(c -> c.data().density().equals("8gaussians"))
        .extracting(c -> c.estimator().name())
        .contains("grid-mle", "score-matching", "sliced-sm-vr-1", "denoising-sm-0.1", "replay-cd-20");
    assertThat(standard)
        .filteredOn(c -> c.data().density().startsWith("mixture"))
        .extracting(c -> c.data().density() + " " + c.estimator().name())
        .contains("mixture2 score-matching", "mixture128 score-matching", "mixture128 sliced-sm-vr-1");
  }

  /** The CRF demonstration: a synthetic chain and a small grid, four estimators each, same steps. */
  @Test
  void smokeComparesCrfEstimatorsInTheSameSteps() {
    List<Cell> crf = plan("smoke").cells().stream().filter(c -> c.family().equals("crf")).toList();
    assertThat(crf).hasSize(8);
    assertThat(crf).extracting(c -> c.estimator().name())
        .containsOnly("exact-mle", "cd-1", "pcd-1", "pseudo-likelihood");
    assertThat(crf.subList(0, 4)).extracting(Cell::steps).containsOnly(crf.get(0).steps());
    assertThat(crf.subList(4, 8)).extracting(Cell::steps).containsOnly(crf.get(4).steps());
  }
}
