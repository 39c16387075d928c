package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CpuOps#addRowVector}'s rows in SIMD lanes: the same additions, so the same bits. The JIT
 * does not vectorize the plain loop itself (its three arrays start at unrelated offsets), which
 * then ran one element per cycle. Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorAddRow {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

  private VectorAddRow() {}

  /**
   * o[oOffset + i] = s[sOffset + i] + v[vOffset + i] for i in [0, end), and returns end: cols
   * rounded down to whole vectors.
   */
  static int add(float[] s, int sOffset, float[] v, int vOffset, float[] o, int oOffset, int cols) {
    int end = cols - cols % FLOATS.length();
    for (int i = 0; i < end; i += FLOATS.length()) {
      FloatVector.fromArray(FLOATS, s, sOffset + i)
          .add(FloatVector.fromArray(FLOATS, v, vOffset + i))
          .intoArray(o, oOffset + i);
    }
    return end;
  }

  /** The double {@link #add}. */
  static int add(
      double[] s, int sOffset, double[] v, int vOffset, double[] o, int oOffset, int cols) {
    int end = cols - cols % DOUBLES.length();
    for (int i = 0; i < end; i += DOUBLES.length()) {
      DoubleVector.fromArray(DOUBLES, s, sOffset + i)
          .add(DoubleVector.fromArray(DOUBLES, v, vOffset + i))
          .intoArray(o, oOffset + i);
    }
    return end;
  }
}
