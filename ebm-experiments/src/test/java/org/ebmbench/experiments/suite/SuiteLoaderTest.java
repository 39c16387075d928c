package org.ebmbench.experiments.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.experiments.testing.StubFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {
  private static final String VALID =
      """
      name: tiny
      description: a test suite
      seeds: [1, 2]
      experiments:
        - family: toy
          model: {type: stub, n: 4}
          data: {train: 100, test: 50}
          estimators: [exact-mle, cd-1, {name: pcd-2, optimizer: {type: adam, lr: 0.01}}]
          optimizer: {type: sgd, lr: 0.1}
          steps: 10
          batchSize: 20
      """;

  @TempDir Path dir;

  private final SuiteLoader loader = new SuiteLoader(List.of(StubFamily.StubSpec.class));

  private LoadedSuite load(String fileName, String content) throws IOException {
    Files.writeString(dir.resolve(fileName), content);
    return loader.load(fileName, dir);
  }

  private void assertError(String content, String message) {
    assertThatThrownBy(() -> load("my.yaml", content))
        .isInstanceOf(SuiteException.class)
        .hasMessage(message);
  }

  @Test
  void parsesYamlWithDefaultsAndShortEstimatorNames() throws IOException {
    LoadedSuite loaded = load("tiny.yaml", VALID);
    Suite suite = loaded.suite();
    assertThat(suite.name()).isEqualTo("tiny");
    assertThat(suite.seeds()).containsExactly(1L, 2L);
    ExperimentSpec e = suite.experiments().get(0);
    assertThat(e.model()).isEqualTo(new StubFamily.StubSpec(4, null));
    assertThat(e.estimators())
        .containsExactly(
            EstimatorSpec.named("exact-mle"),
            EstimatorSpec.named("cd-1"),
            new EstimatorSpec("pcd-2", null, new OptimizerSpec.Adam(0.01, null, null, null)));
    assertThat(e.optimizer()).isEqualTo(new OptimizerSpec.Sgd(0.1, 0.0));
    assertThat(e.evaluateEveryOrDefault()).isEqualTo(1);
    assertThat(loaded.directory()).isEqualTo(dir);
    assertThat(loaded.sha256()).hasSize(64);
  }

  @Test
  void parsesTheSameSuiteFromJson() throws IOException {
    String json =
        """
        {"name": "tiny", "seeds": [1, 2], "experiments": [{"family": "toy",
          "model": {"type": "stub", "n": 4}, "data": {"train": 100, "test": 50},
          "estimators": ["exact-mle", "cd-1", {"name": "pcd-2", "optimizer": {"type": "adam", "lr": 0.01}}],
          "optimizer": {"type": "sgd", "lr": 0.1}, "steps": 10, "batchSize": 20}]}
        """;
    Suite fromJson = load("tiny.json", json).suite();
    Suite fromYaml = load("tiny.yaml", VALID).suite();
    assertThat(fromJson.experiments()).isEqualTo(fromYaml.experiments());
  }

  @Test
  void misspelledFieldNamesTheFieldWhereAndWhatIsAllowed() {
    assertError(
        VALID.replace("steps: 10", "stepz: 10"),
        "suite my.yaml: unknown field 'stepz' at experiments[0] (allowed: family, model, data,"
            + " estimators, sampler, optimizer, steps, batchSize, evaluateEvery, seeds, repeats,"
            + " warmup, timeLimit, engines)");
  }

  @Test
  void misspelledTopLevelField() {
    assertError(
        VALID.replace("description:", "descripton:"),
        "suite my.yaml: unknown field 'descripton' at (top level) (allowed: name, description,"
            + " seeds, experiments, tolerances, timeLimit, engines)");
  }

  @Test
  void enginesAreReadAtBothLevelsWithTheDefaultCpu() throws IOException {
    Suite none = load("a.yaml", VALID).suite();
    assertThat(none.enginesOf(none.experiments().get(0))).containsExactly("cpu");
    Suite both =
        load("b.yaml", VALID.replace("seeds: [1, 2]", "seeds: [1, 2]\nengines: [cpu, gpu]"))
            .suite();
    assertThat(both.enginesOf(both.experiments().get(0))).containsExactly("cpu", "gpu");
    Suite own =
        load("c.yaml", VALID.replace("steps: 10", "steps: 10\n    engines: [gpu:double]")
            .replace("seeds: [1, 2]", "seeds: [1, 2]\nengines: [cpu, gpu]")).suite();
    assertThat(own.enginesOf(own.experiments().get(0))).containsExactly("gpu:double");
  }

  @Test
  void badEngineNamesTheFieldAndTheAllowedValues() {
    String allowed = "(allowed: cpu, gpu, each optionally followed by :float or :double)";
    assertError(
        VALID.replace("seeds: [1, 2]", "seeds: [1, 2]\nengines: [cpu, tpu]"),
        "suite my.yaml: engines[1]: unknown engine 'tpu' " + allowed);
    assertError(
        VALID.replace("steps: 10", "steps: 10\n    engines: [gpu:half]"),
        "suite my.yaml: experiments[0].engines[0]: unknown precision 'half' in 'gpu:half' "
            + allowed);
    assertError(
        VALID.replace("steps: 10", "steps: 10\n    engines: [gpu, gpu]"),
        "suite my.yaml: experiments[0].engines[1]: engine 'gpu' is listed twice");
    assertError(
        VALID.replace("seeds: [1, 2]", "seeds: [1, 2]\nengines: []"),
        "suite my.yaml: engines: must not be empty");
  }

  @Test
  void tolerancesAreReadAndValidated() throws IOException {
    String withTolerances =
        VALID + "tolerances:\n  klTrueToModel: {abs: 0.002, better: lower}\n  parameterError: {rel: 0.5}\n";
    Suite suite = load("tol.yaml", withTolerances).suite();
    assertThat(suite.tolerances()).containsOnlyKeys("klTrueToModel", "parameterError");
    assertThat(suite.tolerances().get("klTrueToModel")).isEqualTo(new Tolerance(0.002, null, "lower"));
    assertError(
        VALID + "tolerances:\n  klTrueToModel: {abs: -1}\n",
        "suite my.yaml: tolerances.klTrueToModel.abs: must be between 0.0 and "
            + Double.MAX_VALUE + ", got -1.0");
    assertError(
        VALID + "tolerances:\n  klTrueToModel: {better: smaller}\n",
        "suite my.yaml: tolerances.klTrueToModel.better: unknown value 'smaller' (allowed: lower,"
            + " higher, either)");
    assertError(
        VALID + "tolerances:\n  klTrueToModel: {absolute: 1}\n",
        "suite my.yaml: unknown field 'absolute' at tolerances.klTrueToModel (allowed: abs, rel,"
            + " better)");
    assertError(
        VALID + "tolerances:\n  secondsPerStep: {rel: 1}\n",
        "suite my.yaml: tolerances.secondsPerStep: is a timing; timings are checked with 'ebm"
            + " check --time-ratio R', not tolerances");
    assertError(
        VALID + "tolerances:\n  klTrueToModel: {}\n",
        "suite my.yaml: tolerances.klTrueToModel: give at least one of abs, rel, better");
  }

  @Test
  void outOfRangeModelParameterNamesPathRangeAndValue() {
    assertError(
        VALID.replace("n: 4", "n: 30"),
        "suite my.yaml: experiments[0].model.n: must be between 1 and 24, got 30");
  }

  @Test
  void unknownModelTypeListsTheKnownOnes() {
    assertError(
        VALID.replace("type: stub", "type: stubb"),
        "suite my.yaml: experiments[0].model.type: unknown type 'stubb' (allowed: stub)");
  }

  @Test
  void missingModelType() {
    assertError(
        VALID.replace("type: stub, ", ""),
        "suite my.yaml: experiments[0].model.type: required (allowed: stub)");
  }

  @Test
  void unknownOptimizerType() {
    assertError(
        VALID.replace("type: sgd", "type: rmsprop"),
        "suite my.yaml: experiments[0].optimizer.type: unknown type 'rmsprop' (allowed: sgd, adam, lbfgs)");
  }

  @Test
  void unknownScheduleTypeAndBadDecay() {
    assertError(
        VALID.replace("{type: sgd, lr: 0.1}", "{type: sgd, lr: 0.1, schedule: {type: cosine}}"),
        "suite my.yaml: experiments[0].optimizer.schedule.type: unknown type 'cosine' (allowed:"
            + " constant, inverse, linear)");
    assertError(
        VALID.replace("{type: sgd, lr: 0.1}", "{type: sgd, lr: 0.1, weightDecay: -1}"),
        "suite my.yaml: experiments[0].optimizer.weightDecay: must be between 0.0 and 1.0, got -1.0");
    assertError(
        VALID.replace(
            "{type: sgd, lr: 0.1}", "{type: sgd, lr: 0.1, schedule: {type: inverse}}"),
        "suite my.yaml: experiments[0].optimizer.schedule.halfLife: required");
  }

  @Test
  void unknownEstimator() {
    assertError(
        VALID.replace("cd-1,", "cd1,"),
        "suite my.yaml: experiments[0].estimators[1]: unknown estimator 'cd1' (allowed:"
            + " " + EstimatorSpec.ALLOWED + ")");
  }

  @Test
  void wrongValueType() {
    assertError(
        VALID.replace("steps: 10", "steps: ten"),
        "suite my.yaml: experiments[0].steps: expected an integer, got 'ten'");
  }

  @Test
  void fractionalIntegerIsRejected() {
    assertThatThrownBy(() -> load("my.yaml", VALID.replace("steps: 10", "steps: 10.5")))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith("suite my.yaml: experiments[0].steps: expected an integer");
  }

  @Test
  void missingRequiredField() {
    assertError(
        VALID.replace("    batchSize: 20\n", ""),
        "suite my.yaml: experiments[0].batchSize: required");
  }

  @Test
  void missingLearningRate() {
    assertError(
        VALID.replace("{type: sgd, lr: 0.1}", "{type: sgd}"),
        "suite my.yaml: experiments[0].optimizer.lr: required");
  }

  @Test
  void negativeLearningRate() {
    assertError(
        VALID.replace("lr: 0.1", "lr: -0.1"),
        "suite my.yaml: experiments[0].optimizer.lr: must be a positive number, got -0.1");
  }

  @Test
  void dataWithBothSources() {
    assertError(
        VALID.replace("{train: 100, test: 50}", "{train: 100, test: 50, file: x.csv}"),
        "suite my.yaml: experiments[0].data: give either train/test sizes or a file, not both");
  }

  @Test
  void samplerOnlyForChainEstimators() {
    assertError(
        VALID.replace("cd-1,", "{name: exact-mle, sampler: {type: gibbs}},"),
        "suite my.yaml: experiments[0].estimators[1].sampler: 'exact-mle' runs no sampler; remove the sampler");
  }

  @Test
  void duplicateKeyIsAnError() {
    assertThatThrownBy(() -> load("my.yaml", VALID.replace("steps: 10", "steps: 10\n    steps: 20")))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith("suite my.yaml: ")
        .hasMessageContaining("steps");
  }

  @Test
  void malformedYamlNamesTheLine() {
    assertThatThrownBy(() -> load("my.yaml", "name: tiny\nexperiments: [\n  - {a: 1\n"))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith("suite my.yaml: ")
        .hasMessageContaining("line ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void malformedJsonNamesTheLine() {
    assertThatThrownBy(() -> load("my.json", "{\"name\": \"tiny\",\n \"experiments\": [}"))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith("suite my.json: ")
        .hasMessageContaining("line 2")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void emptyFile() {
    assertError("", "suite my.yaml: the file is empty");
  }

  @Test
  void badSuiteName() {
    assertError(
        VALID.replace("name: tiny", "name: my suite"),
        "suite my.yaml: name: must be 1 to 64 letters, digits, '_', '.' or '-', got 'my suite'");
  }

  @Test
  void fileErrors() {
    assertThatThrownBy(() -> loader.load("missing.yaml", dir))
        .isInstanceOf(SuiteException.class)
        .hasMessageStartingWith("suite missing.yaml: no such file");
    assertThatThrownBy(() -> load("suite.txt", VALID))
        .isInstanceOf(SuiteException.class)
        .hasMessage("suite suite.txt: unknown file type (use .yaml, .yml or .json)");
    assertThatThrownBy(() -> loader.load("smoky", dir))
        .isInstanceOf(SuiteException.class)
        .hasMessage(
            "suite smoky: no built-in suite has this name (built-in: smoke, standard, full; or"
                + " give a .yaml, .yml or .json file)");
  }
}
