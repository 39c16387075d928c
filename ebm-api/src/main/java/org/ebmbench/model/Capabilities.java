package org.ebmbench.model;

/** Checks that a model has an optional ability before an algorithm relies on it. */
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
}
