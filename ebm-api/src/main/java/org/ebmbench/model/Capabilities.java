package org.ebmbench.model;

import org.ebmbench.engine.Mat;

/** Checks that a model has what an algorithm relies on: an optional ability, data of its shape. */
public final class Capabilities {
  private Capabilities() {}

  /**
   * The model as {@code capability}.
   *
   * @param user the algorithm that needs it, for the message ("exact MLE", "mala(eps=0.1)")
   * @throws IllegalArgumentException naming the user, the capability and the model if the model
   *     lacks it
   */
  public static <T> T require(EnergyModel model, Class<T> capability, String user) {
    if (capability.isInstance(model)) {
      return capability.cast(model);
    }
    throw new IllegalArgumentException(
        user
            + " needs a model that is "
            + capability.getSimpleName()
            + ", but "
            + model.describe()
            + " is not");
  }

  /**
   * Checks that the rows of {@code x} are points of the model: at least one row, and as many
   * columns as the model has variables.
   *
   * @param what the user and the role of x, for the message ("mala(eps=0.1): chain states")
   * @throws IllegalArgumentException naming {@code what}, the shape of x and the model
   */
  public static void requireRowsOf(EnergyModel model, Mat x, String what) {
    if (x.cols() != model.dimension() || x.rows() < 1) {
      throw new IllegalArgumentException(
          what
              + " of shape "
              + x.rows()
              + " x "
              + x.cols()
              + " do not fit "
              + model.describe()
              + " of dimension "
              + model.dimension());
    }
  }
}
