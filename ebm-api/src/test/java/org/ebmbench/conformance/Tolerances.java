package org.ebmbench.conformance;

import org.ebmbench.engine.Precision;

/**
 * Named tolerances per precision, each with its source, so no test carries a bare 1e-6.
 *
 * @param roundOff relative error of a well-conditioned reduction over up to ~10^6 terms:
 *     machine epsilon (2.2e-16 double, 1.2e-7 float) times a growth factor of ~10^3 for the
 *     summation length, rounded up
 * @param finiteDifference relative agreement of an analytic derivative with a central difference
 *     of step h: truncation O(h^2) plus cancellation O(eps / h); h = eps^(1/3) balances them at
 *     about eps^(2/3) (~4e-11 double, ~2e-5 float), times a safety factor of ~100 for curvature
 * @param finiteDifferenceStep the central-difference step h = eps^(1/3) (~6e-6 double, ~5e-3 float)
 */
public record Tolerances(double roundOff, double finiteDifference, double finiteDifferenceStep) {
  public static final Tolerances DOUBLE = new Tolerances(1e-12, 1e-7, 6e-6);
  public static final Tolerances FLOAT = new Tolerances(1e-4, 5e-2, 5e-3);

  public static Tolerances of(Precision precision) {
    return precision == Precision.DOUBLE ? DOUBLE : FLOAT;
  }
}
