package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementPass}'s float-to-double copies in SIMD lanes. Widening is exact and narrowing
 * rounds to nearest, in lanes as in a Java cast, so the bits are those of the scalar loops.
 * Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorConversions {
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

  /** As many float lanes as {@link #DOUBLES} has, in half the bits. */
  private static final VectorSpecies<Float> FLOATS =
      FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

  private VectorConversions() {}

  /** target[i] = source[from + i] for i in [0, length). */
  static void widen(float[] source, int from, double[] target, int length) {
    int lanes = DOUBLES.length();
    int end = length - length % lanes;
    for (int i = 0; i < end; i += lanes) {
      ((DoubleVector)
              FloatVector.fromArray(FLOATS, source, from + i)
                  .convertShape(VectorOperators.F2D, DOUBLES, 0))
          .intoArray(target, i);
    }
    for (int i = end; i < length; i++) {
      target[i] = source[from + i];
    }
  }

  /** target[to + i] = (float) source[i] for i in [0, length). */
  static void narrow(double[] source, float[] target, int to, int length) {
    int lanes = DOUBLES.length();
    int end = length - length % lanes;
    for (int i = 0; i < end; i += lanes) {
      ((FloatVector)
              DoubleVector.fromArray(DOUBLES, source, i)
                  .convertShape(VectorOperators.D2F, FLOATS, 0))
          .intoArray(target, to + i);
    }
    for (int i = end; i < length; i++) {
      target[to + i] = (float) source[i];
    }
  }
}
