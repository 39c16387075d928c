package org.ebmbench.experiments.run;

import java.util.List;
import java.util.Map;
import org.ebmbench.engine.Engine;
import org.ebmbench.experiments.suite.ExperimentSpec;
import org.ebmbench.experiments.suite.LoadedSuite;

/**
 * A validated suite, expanded into cells, ready to run.
 *
 * @param suite the suite
 * @param engines the engines the cells run on (usually one; several to compare them)
 * @param cells the cells in suite order (experiment, then estimator, then seed, then engine)
 * @param experiments the prepared experiments, by {@link #experimentKey}
 * @param skipped why an experiment's cells are skipped (its data is not here), by index in the
 *     suite; such experiments have no prepared experiment
 * @param seeds the seeds the suite runs with (after --seed)
 * @param notes things worth telling the user (a selected family with no cells)
 */
public record Plan(
    LoadedSuite suite,
    List<Engine> engines,
    List<Cell> cells,
    Map<String, PreparedExperiment> experiments,
    Map<Integer, String> skipped,
    List<Long> seeds,
    List<String> notes) {

  public PreparedExperiment experimentOf(Cell cell) {
    return experiments.get(experimentKey(cell.experimentIndex(), cell.engine()));
  }

  /** The key of the experiment at {@code index} in the suite, prepared for {@code engine}. */
  static String experimentKey(int index, String engine) {
    return index + "/" + engine;
  }

  /** Repeats, warm-up and time limit of the cell's experiment, defaults applied. */
  public RunSettings settingsOf(Cell cell) {
    ExperimentSpec experiment = suite.suite().experiments().get(cell.experimentIndex());
    return new RunSettings(
        experiment.repeatsOrDefault(),
        experiment.warmupOrDefault(),
        suite.suite().timeLimitOf(experiment));
  }

  /** Why {@code cell} is skipped, or null when it runs. */
  public String skipReason(Cell cell) {
    return skipped.get(cell.experimentIndex());
  }
}
