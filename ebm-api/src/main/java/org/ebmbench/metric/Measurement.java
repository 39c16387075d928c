package org.ebmbench.metric;

/**
 * The value of a metric and, for a Monte Carlo estimate, its standard error (NaN for a value that
 * is computed exactly).
 */
public record Measurement(double value, double standardError) {
  /** A value computed exactly, up to round-off. */
  public static Measurement exact(double value) {
    return new Measurement(value, Double.NaN);
  }

  /** Whether this is a Monte Carlo estimate that carries a standard error. */
  public boolean hasStandardError() {
    return !Double.isNaN(standardError);
  }
}
