package org.ebmbench.data;

/** Data that cannot be used as given: wrong shape, a NaN, a value outside the model's domain. */
public final class InvalidDataException extends IllegalArgumentException {
  public InvalidDataException(String message) {
    super(message);
  }
}
