package org.ebmbench.experiments.suite;

import java.util.Collection;

/** Small validation helpers for specs; each failure names the field and the value. */
public final class Check {
  private Check() {}

  /** The value, or an error that the field is missing. */
  public static <T> T required(FieldPath path, T value) {
    if (value == null) {
      throw new InvalidSpecException(path, "required");
    }
    return value;
  }

  /** An integer within [min, max]; null means the field is missing. */
  public static int between(FieldPath path, Integer value, int min, int max) {
    required(path, value);
    if (value < min || value > max) {
      throw new InvalidSpecException(
          path, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** A finite number within [min, max]. */
  public static double between(FieldPath path, Double value, double min, double max) {
    required(path, value);
    if (!Double.isFinite(value) || value < min || value > max) {
      throw new InvalidSpecException(
          path, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /** A finite number strictly greater than zero. */
  public static double positive(FieldPath path, Double value) {
    required(path, value);
    if (!Double.isFinite(value) || value <= 0) {
      throw new InvalidSpecException(path, "must be a positive number, got " + value);
    }
    return value;
  }

  /** A non-empty list. */
  public static <C extends Collection<?>> C nonEmpty(FieldPath path, C values) {
    required(path, values);
    if (values.isEmpty()) {
      throw new InvalidSpecException(path, "must not be empty");
    }
    return values;
  }
}
