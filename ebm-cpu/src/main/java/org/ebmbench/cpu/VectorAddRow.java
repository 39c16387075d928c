package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CpuOps#addRowVector}'s rows in SIMD lanes: the same additions, so the same bits. C2 did
 * not vectorize the plain loop over the typed arrays either: it ran about one element per cycle
 * (10-13 us for 256 x 128 floats, against 2.9 here). Loaded only when {@link
 * ElementPass#VECTOR_API}.
 */
final class VectorAddRow {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

  private VectorAddRow() {}

  /**
   * The elements [base, base + end) of o = s + v for one row of s and o starting at element base
   * (v one row), and returns end: the row's length rounded down to whole vectors. A float sum
   * rounded from double equals the float sum (double has more than twice float's precision), so
   * the float lanes give the bits of CpuMat's get and set.
   */
  static int add(CpuMat s, CpuMat v, CpuMat o, int base) {
    if (s instanceof CpuMat.Floats) {
      return add(
          ((CpuMat.Floats) s).data, s.offset + base, ((CpuMat.Floats) v).data, v.offset,
          ((CpuMat.Floats) o).data, o.offset + base, s.cols);
    }
    return add(
        ((CpuMat.Doubles) s).data, s.offset + base, ((CpuMat.Doubles) v).data, v.offset,
        ((CpuMat.Doubles) o).data, o.offset + base, s.cols);
  }

  /** o[oOffset + i] = s[sOffset + i] + v[vOffset + i] for i in [0, end), end as returned. */
  private static int add(
      float[] s, int sOffset, float[] v, int vOffset, float[] o, int oOffset, int cols) {
    int end = cols - cols % FLOATS.length();
    for (int i = 0; i < end; i += FLOATS.length()) {
      FloatVector.fromArray(FLOATS, s, sOffset + i)
          .add(FloatVector.fromArray(FLOATS, v, vOffset + i))
          .intoArray(o, oOffset + i);
    }
    return end;
  }

  /** The double {@link #add}. */
  private static int add(
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
