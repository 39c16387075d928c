package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Silu}'s pass in SIMD lanes of the incubating Vector API: lane by lane the same operations
 * as {@link Silu#scalar} ({@link VectorExp} for e^-a), in the same order (multiplications and
 * additions never fused), so the bits are the same.
 * Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorSilu {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  private VectorSilu() {}

  /** As {@link Silu#pass}; the last length % lanes elements go through the scalar loop. */
  static void pass(double[][] v, int[] o, int length) {
    double[] x = v[0];
    int xo = o[0];
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    int lanes = SPECIES.length();
    int end = length - length % lanes;
    for (int i = 0; i < end; i += lanes) {
      DoubleVector a = DoubleVector.fromArray(SPECIES, x, xo + i);
      DoubleVector e = VectorExp.exp(a.neg());
      // The SiLU polynomials of Silu.scalar.
      DoubleVector sg = one.div(one.add(e));
      DoubleVector q = sg.mul(one.sub(sg));
      DoubleVector rr = one.sub(sg.mul(2.0));
      DoubleVector ar = a.mul(rr);
      a.mul(sg).intoArray(v[1], o[1] + i);
      sg.add(a.mul(q)).intoArray(v[2], o[2] + i);
      q.mul(ar.add(2.0)).intoArray(v[3], o[3] + i);
      q.mul(rr.mul(ar.add(3.0)).sub(a.mul(2.0).mul(q))).intoArray(v[4], o[4] + i);
    }
    Silu.scalar(v, o, end, length);
  }
}
