package org.ebmbench.experiments.run;

import java.util.List;
import java.util.Map;
import org.ebmbench.engine.Engine;
import org.ebmbench.experiments.suite.LoadedSuite;

/**
 * A validated suite, expanded into cells, ready to run.
 *
 * @param suite the suite
 * @param engine the engine every cell runs on
 * @param cells the cells in suite order (experiment, then estimator, then seed)
 * @param experiments the prepared experiments, by index in the suite
 * @param skipped why an experiment's cells are skipped (its data is not here), by index in the
 *     suite; such experiments have no prepared experiment
 * @param seeds the seeds the suite runs with (after --seed)
 * @param notes things worth telling the user (a selected family with no cells)
 */
public record Plan(
    LoadedSuite suite,
    Engine engine,
    List<Cell> cells,
    Map<Integer, PreparedExperiment> experiments,
    Map<Integer, String> skipped,
    List<Long> seeds,
    List<String> notes) {

  public PreparedExperiment experimentOf(Cell cell) {
    return experiments.get(cell.experimentIndex());
  }

  /** Why {@code cell} is skipped, or null when it runs. */
  public String skipReason(Cell cell) {
    return skipped.get(cell.experimentIndex());
  }
}
