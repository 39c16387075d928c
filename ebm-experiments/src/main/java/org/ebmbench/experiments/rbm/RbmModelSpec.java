package org.ebmbench.experiments.rbm;

import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.ModelSpec;
import org.ebmbench.model.EnergyModel;

/** The model specs of the rbm family: what every RBM experiment needs from its model. */
sealed interface RbmModelSpec extends ModelSpec permits RbmSpec, GaussianRbmSpec {
  /** The number of hidden units. */
  Integer hidden();

  /** The starting point of learning for {@code visible} visible units, on {@code ops}. */
  EnergyModel initial(Ops ops, int visible);
}
