package org.ebmbench.experiments.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.engine.Engines;
import org.ebmbench.experiments.run.Families;
import org.ebmbench.experiments.run.Family;
import org.ebmbench.experiments.run.Plan;
import org.ebmbench.experiments.run.Planner;
import org.ebmbench.experiments.suite.LoadedSuite;
import org.ebmbench.experiments.suite.SuiteException;
import org.ebmbench.experiments.suite.SuiteLoader;

/**
 * One-experiment suite files for a family's tests, written to a folder and planned as {@code ebm
 * run} would (on the cpu engine), so each test states only the experiment it is about.
 */
public final class FamilySuites {
  private final Path dir;
  private final String family;
  private final int batchSize;
  private final Families families;

  /**
   * @param dir where the suite file {@code s.yaml} is written (and data paths resolve)
   * @param family the family name written into each experiment
   * @param batchSize the batch size of each experiment
   * @param implementations the families the planner knows
   */
  public FamilySuites(Path dir, String family, int batchSize, Family... implementations) {
    this.dir = dir;
    this.family = family;
    this.batchSize = batchSize;
    this.families = new Families(List.of(implementations));
  }

  /** The plan of a suite with this one experiment (YAML, as {@link #experiment} writes it). */
  public Plan plan(String experiment) throws IOException {
    return plan(experiment, null);
  }

  /** The plan as {@code ebm run --data dataDirectory} would make it. */
  public Plan plan(String experiment, Path dataDirectory) throws IOException {
    Files.writeString(dir.resolve("s.yaml"), "name: t\nexperiments:\n" + experiment);
    LoadedSuite loaded = new SuiteLoader(families.modelTypes()).load("s.yaml", dir);
    return new Planner(families, dataDirectory).plan(loaded, Engines.byName("cpu"), List.of());
  }

  /** An experiment of 4 SGD steps; {@code extra} adds further YAML lines. */
  public String experiment(String model, String data, String estimators, String extra) {
    return "  - family: " + family + "\n    model: " + model + "\n    data: " + data
        + "\n    estimators: " + estimators + "\n    optimizer: {type: sgd, lr: 0.1}\n    steps: 4\n"
        + "    batchSize: " + batchSize + "\n" + extra;
  }

  /** Planning {@code experiment} fails with exactly {@code message} after the suite's name. */
  public void assertPlanError(String experiment, String message) {
    assertThatThrownBy(() -> plan(experiment))
        .isInstanceOf(SuiteException.class)
        .hasMessage("suite s.yaml: " + message);
  }
}
