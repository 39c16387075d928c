package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AdamPass} in SIMD lanes: the same operations in the same order as {@link
 * AdamPass#scalar} (never fused; square root and division are correctly rounded in lanes too), so
 * the same bits. Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorAdamPass {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  private VectorAdamPass() {}

  /** As {@link AdamPass#pass}; the last length % lanes elements go through the scalar loop. */
  static void pass(AdamPass.Settings a, double[][] x, int[] o, int length) {
    int lanes = SPECIES.length();
    int end = length - length % lanes;
    double keep1 = 1.0 - a.beta1();
    double keep2 = 1.0 - a.beta2();
    for (int i = 0; i < end; i += lanes) {
      DoubleVector g = DoubleVector.fromArray(SPECIES, x[1], o[1] + i);
      DoubleVector m =
          DoubleVector.fromArray(SPECIES, x[2], o[2] + i).mul(a.beta1()).add(g.mul(keep1));
      DoubleVector v =
          DoubleVector.fromArray(SPECIES, x[3], o[3] + i).mul(a.beta2()).add(g.mul(g).mul(keep2));
      DoubleVector denominator = v.mul(a.secondScale()).add(0.0).sqrt().add(a.epsilon());
      DoubleVector theta =
          DoubleVector.fromArray(SPECIES, x[0], o[0] + i).sub(m.div(denominator).mul(a.stepSize()));
      m.intoArray(x[4], o[4] + i);
      v.intoArray(x[5], o[5] + i);
      theta.intoArray(x[6], o[6] + i);
    }
    AdamPass.scalar(a, x, o, end, length);
  }
}
