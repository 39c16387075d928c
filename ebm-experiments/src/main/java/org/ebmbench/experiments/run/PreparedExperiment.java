package org.ebmbench.experiments.run;

import org.ebmbench.experiments.suite.DataSpec;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.SamplerSpec;

/** A validated experiment, ready to run its cells. */
public interface PreparedExperiment {
  /** The data spec with defaults resolved and, for a file, its SHA-256 filled in. */
  DataSpec data();

  /** The sampler CD and PCD use when neither the estimator nor the experiment names one. */
  SamplerSpec defaultSampler();

  /**
   * Checks that an estimator, with the sampler it will run (null for none), applies to this
   * experiment's model.
   *
   * @throws org.ebmbench.experiments.suite.InvalidSpecException naming {@code path}
   */
  void checkEstimator(EstimatorSpec.Parsed estimator, SamplerSpec sampler, FieldPath path);

  /**
   * Trains one cell, handing each evaluation to {@code recorder} as it is made (step 0 first,
   * the last step last), and any pictures of the outcome. The recorder may throw {@link
   * CellFailedException} to stop a cell whose metrics stopped being finite.
   *
   * <p>With {@code ebm run --jobs N}, this is called for several cells at once from different
   * threads: whatever the experiment shares between its cells must be read-only. A training loop
   * other than {@link Training}'s calls {@link TimeLimit#check} after every step.
   *
   * @throws CellFailedException or any runtime exception if the cell cannot finish; the runner
   *     records it as failed and goes on
   */
  void run(Cell cell, CellRecorder recorder);
}
