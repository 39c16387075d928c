package org.ebmbench.experiments.toy;

import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.ModelSpec;
import org.ebmbench.model.Domain;
import org.ebmbench.model.ExponentialFamily;

/**
 * A model of the toy family: an exponential family with an exact partition function, so its
 * KL divergence to the truth and its held-out log-likelihood are exact.
 */
public interface ToyModelSpec extends ModelSpec {
  /** The set the variables live in. */
  Domain domain();

  /** The number of variables (columns of the data). */
  int dimension();

  /** The data-generating model, on {@code ops}. */
  ExponentialFamily truth(Ops ops);

  /** The deterministic starting point of learning, normalizable, on {@code ops}. */
  ExponentialFamily initial(Ops ops);

  /**
   * Checks that data can be drawn exactly from {@link #truth}; by default it always can.
   *
   * @throws org.ebmbench.experiments.suite.InvalidSpecException naming the field that prevents it
   */
  default void checkExactSampling(FieldPath path) {}
}
