package org.ebmbench.experiments.suite;

import java.util.List;

/**
 * One experiment of a suite: a model and its data, learned by each of several estimators with
 * the same optimizer, number of steps and batch size, for each seed. Expands to one cell per
 * estimator and seed.
 *
 * @param family the model family ("toy", later "rbm", "crf", "neural")
 * @param model the model to learn (and, for drawn data, the true model)
 * @param data where the data comes from
 * @param estimators the estimators to compare
 * @param sampler the chain for sampling-based estimators, unless an estimator overrides it
 * @param optimizer the optimizer, unless an estimator overrides it
 * @param steps optimizer steps per cell
 * @param batchSize training rows per step (drawn without replacement, reshuffled each epoch; the
 *     number of training rows means full batch)
 * @param evaluateEvery steps between metric evaluations (default: steps / 20); step 0 and the
 *     last step are always evaluated
 * @param seeds seeds for this experiment, replacing the suite's
 * @param repeats how many times each cell's training is run and timed (default 1): the recorded
 *     seconds per step is the median, the metrics are the first run's, and every run must agree
 *     on them exactly
 * @param warmup steps of an untimed warm-up run before the experiment's first cell (default
 *     {@link #DEFAULT_WARMUP}, at most {@code steps}; 0 for none)
 * @param timeLimit seconds one training run of a cell may take before it is stopped and recorded
 *     as failed (default: the suite's {@code timeLimit})
 * @param engines the engines this experiment's cells run on, replacing the suite's (each cell
 *     once per engine)
 */
public record ExperimentSpec(
    String family,
    ModelSpec model,
    DataSpec data,
    List<EstimatorSpec> estimators,
    SamplerSpec sampler,
    OptimizerSpec optimizer,
    Integer steps,
    Integer batchSize,
    Integer evaluateEvery,
    List<Long> seeds,
    Integer repeats,
    Integer warmup,
    Double timeLimit,
    List<String> engines) {

  /** The most steps a cell may take, to keep a typo from running for days. */
  public static final int MAX_STEPS = 10_000_000;

  /** The most repeats a cell may have. */
  public static final int MAX_REPEATS = 100;

  /** Warm-up steps when an experiment does not say. */
  public static final int DEFAULT_WARMUP = 10;

  /** repeats with its default applied. */
  public int repeatsOrDefault() {
    return repeats != null ? repeats : 1;
  }

  /** warmup with its default applied, never more than the experiment's steps. */
  public int warmupOrDefault() {
    return Math.min(steps, warmup != null ? warmup : DEFAULT_WARMUP);
  }

  /** This experiment with its seeds replaced (null: the suite's). */
  public ExperimentSpec withSeeds(List<Long> newSeeds) {
    return new ExperimentSpec(
        family, model, data, estimators, sampler, optimizer, steps, batchSize, evaluateEvery,
        newSeeds, repeats, warmup, timeLimit, engines);
  }

  /** evaluateEvery with its default applied. */
  public int evaluateEveryOrDefault() {
    return evaluateEvery != null ? evaluateEvery : Math.max(1, steps / 20);
  }

  /**
   * Checks the fields every family shares; the family checks the model, the data's fit to the
   * model and which estimators apply.
   */
  public void validate(FieldPath path) {
    Check.required(path.field("family"), family);
    Check.required(path.field("model"), model);
    Check.required(path.field("data"), data);
    Check.nonEmpty(path.field("estimators"), estimators);
    Check.required(path.field("optimizer"), optimizer).validate(path.field("optimizer"));
    Check.between(path.field("steps"), steps, 1, MAX_STEPS);
    Check.between(path.field("batchSize"), batchSize, 1, DataSpec.MAX_ROWS);
    if (evaluateEvery != null) {
      Check.between(path.field("evaluateEvery"), evaluateEvery, 1, steps);
    }
    if (sampler != null) {
      sampler.validate(path.field("sampler"));
    }
    if (seeds != null) {
      Check.nonEmpty(path.field("seeds"), seeds);
    }
    if (repeats != null) {
      Check.between(path.field("repeats"), repeats, 1, MAX_REPEATS);
    }
    if (warmup != null) {
      Check.between(path.field("warmup"), warmup, 0, MAX_STEPS);
    }
    if (timeLimit != null) {
      Check.between(path.field("timeLimit"), timeLimit, Suite.MIN_TIME_LIMIT, Suite.MAX_TIME_LIMIT);
    }
    if (engines != null) {
      EngineNames.validate(path.field("engines"), engines);
    }
    model.validate(path.field("model"));
    data.validate(path.field("data"));
    for (int i = 0; i < estimators.size(); i++) {
      Check.required(path.field("estimators").index(i), estimators.get(i))
          .validate(path.field("estimators").index(i));
    }
  }
}
