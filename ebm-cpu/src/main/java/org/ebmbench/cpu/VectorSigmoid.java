package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sigmoid}'s pass in SIMD lanes: the same operations in the same order as {@link
 * Sigmoid#scalar}, so the same bits. Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorSigmoid {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  private VectorSigmoid() {}

  /** As {@link Sigmoid#pass}; the last length % lanes elements go through the scalar loop. */
  static void pass(double[][] v, int[] o, int length) {
    double[] x = v[0];
    double[] s = v[1];
    DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
    int lanes = SPECIES.length();
    int end = length - length % lanes;
    for (int i = 0; i < end; i += lanes) {
      DoubleVector a = DoubleVector.fromArray(SPECIES, x, o[0] + i);
      one.div(one.add(VectorExp.exp(a.neg()))).intoArray(s, o[1] + i);
    }
    Sigmoid.scalar(v, o, end, length);
  }
}
