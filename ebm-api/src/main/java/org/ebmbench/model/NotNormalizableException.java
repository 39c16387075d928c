package org.ebmbench.model;

/**
 * Thrown when a model's parameters do not define a probability distribution: the integral of exp(f)
 * diverges, so log Z, expectations and exact samples do not exist. Training can drive a model there
 * (a precision matrix that stops being positive definite, a quartic coefficient that turns
 * positive); the message names the model and the reason.
 */
public class NotNormalizableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param model the model's {@link EnergyModel#describe()}
   * @param reason why exp(f) is not integrable, naming the parameter at fault
   */
  public NotNormalizableException(String model, String reason) {
    super(model + " is not normalizable: " + reason);
  }
}
