package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementPass}'s float-to-double copies in SIMD lanes. Widening is exact and narrowing
 * rounds to nearest, in lanes as in a Java cast, so the bits are those of the scalar loops.
 * Loaded only when {@link ElementPass#VECTOR_API}.
 *
 * <p>Only the preferred float species is used, though it has twice the lanes needed: each step
 * loads or stores a full float vector and keeps its lower half. A half-width float species here
 * (Float256Vector beside the float passes' Float512Vector) would make {@code FloatVector}'s
 * shared load and store methods see two vector classes, after which C2 no longer compiles them to
 * single instructions anywhere, and every float pass ({@link VectorFloatSilu}) fell back to
 * element-by-element stores.
 */
final class VectorConversions {
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  private VectorConversions() {}

  /** target[i] = source[from + i] for i in [0, length). */
  static void widen(float[] source, int from, double[] target, int length) {
    int step = DOUBLES.length();
    int i = 0;
    // A full float vector must fit in the chunk: it reads FLOATS.length() elements from i on.
    for (; i + FLOATS.length() <= length; i += step) {
      ((DoubleVector)
              FloatVector.fromArray(FLOATS, source, from + i)
                  .convertShape(VectorOperators.F2D, DOUBLES, 0))
          .intoArray(target, i);
    }
    for (; i < length; i++) {
      target[i] = source[from + i];
    }
  }

  /** target[to + i] = (float) source[i] for i in [0, length). */
  static void narrow(double[] source, float[] target, int to, int length) {
    int step = DOUBLES.length();
    int i = 0;
    // Each store writes FLOATS.length() elements, the upper half zeros that the next step (or the
    // scalar tail) overwrites; it stays inside [to, to + length), which other threads never write.
    for (; i + FLOATS.length() <= length; i += step) {
      ((FloatVector)
              DoubleVector.fromArray(DOUBLES, source, i)
                  .convertShape(VectorOperators.D2F, FLOATS, 0))
          .intoArray(target, to + i);
    }
    for (; i < length; i++) {
      target[to + i] = (float) source[i];
    }
  }
}
