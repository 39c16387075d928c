package org.ebmbench.sampler;

import org.ebmbench.engine.Mat;
import org.ebmbench.model.EnergyModel;

/** Shape checks shared by the samplers. */
final class Chains {
  private Chains() {}

  /** Fails with a message naming the sampler and both shapes unless states fit the model. */
  static void requireFit(EnergyModel model, Mat states, String sampler) {
    if (states.cols() != model.dimension() || states.rows() < 1) {
      throw new IllegalArgumentException(
          sampler
              + ": chain states of shape "
              + states.rows()
              + " x "
              + states.cols()
              + " do not fit "
              + model.describe()
              + " of dimension "
              + model.dimension());
    }
  }
}
