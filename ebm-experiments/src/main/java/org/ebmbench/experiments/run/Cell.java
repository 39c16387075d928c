package org.ebmbench.experiments.run;

import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.ModelSpec;
import org.ebmbench.experiments.suite.OptimizerSpec;
import org.ebmbench.experiments.suite.SamplerSpec;

/**
 * One point of the grid: an experiment's model and data, one estimator, one seed, with every
 * default resolved.
 *
 * @param key stable id derived from the cell's content (see {@link CellKeys})
 * @param experimentIndex the experiment's position in the suite, for messages only
 * @param family the family's name
 * @param model the model spec
 * @param data the resolved data spec
 * @param estimator the estimator spec as written
 * @param parsed its parsed name
 * @param sampler the sampler CD and PCD run, null for other estimators
 * @param optimizer the optimizer (the estimator's override, else the experiment's)
 * @param steps optimizer steps
 * @param batchSize rows per step
 * @param evaluateEvery steps between evaluations
 * @param seed the seed every random stream of the cell derives from
 * @param engine the engine's name
 */
public record Cell(
    String key,
    int experimentIndex,
    String family,
    ModelSpec model,
    DataSpec data,
    EstimatorSpec estimator,
    EstimatorSpec.Parsed parsed,
    SamplerSpec sampler,
    OptimizerSpec optimizer,
    int steps,
    int batchSize,
    int evaluateEvery,
    long seed,
    String engine) {

  /** This cell with fewer steps, evaluated only at the start and the end: for a warm-up run. */
  public Cell shortened(int newSteps) {
    return new Cell(
        key, experimentIndex, family, model, data, estimator, parsed, sampler, optimizer,
        newSteps, batchSize, newSteps, seed, engine);
  }

  /** A short human label: "toy ising cd-1 seed 1". */
  public String label() {
    String type = CellKeys.typeName(model);
    return family + " " + type + " " + estimator.name() + " seed " + seed;
  }
}
