package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.random.RandomStream;

/**
 * A {@link GibbsUpdatable} model that computes the CD-k loss gradient with chains started at the
 * batch in one call, sharing work that the general path (k sweeps, then the mean gradient at the
 * chains minus the one at the batch) would do twice. It must draw the same random numbers and
 * give the same result as that path, so an estimator may take it whenever it applies.
 */
public interface ContrastiveGradient extends GibbsUpdatable {
  /**
   * Sets {@code chains} to {@code batch}, runs {@code sweeps} Gibbs sweeps on it from {@code
   * stream}, and writes the mean gradient at the chains minus the mean gradient at the batch into
   * {@code out}.
   *
   * @throws IllegalArgumentException if the shapes do not fit the model or sweeps is below 1
   */
  void contrastiveGradient(Mat batch, Mat chains, int sweeps, RandomStream stream, Mat out);
}
