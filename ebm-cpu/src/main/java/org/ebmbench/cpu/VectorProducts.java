package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ProductSumPass}'s terms in SIMD lanes of the incubating Vector API: lane by lane the
 * multiplications and the addition of {@link ProductSumPass#accumulate}'s scalar loop, in the same
 * order, so the bits are the same. The JIT does not vectorise the scalar loop itself (its operands
 * sit at different offsets of their arrays). One loop per factor count, with nothing to decide
 * inside it: a choice inside the loop made the JIT keep the vectors as objects once it had seen
 * several factor counts. Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorProducts {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

  /** Terms of more factors than this are left to the scalar loop. */
  private static final int MAX_FACTORS = 5;

  private VectorProducts() {}

  /**
   * As {@link ProductSumPass#accumulate} for elements [0, end), and returns end: a multiple of
   * the lane count at most length, or 0 for a term of more than {@value #MAX_FACTORS} factors.
   */
  static int accumulate(
      double c, int[] f, double[][] a, int[] o, double[] from, int of, double[] into, int oi,
      int length) {
    int end = length - length % SPECIES.length();
    switch (f.length) {
      case 0:
        constant(c, from, of, into, oi, end);
        return end;
      case 1:
        product(c, a[f[0]], o[f[0]], from, of, into, oi, end);
        return end;
      case 2:
        product(c, a[f[0]], o[f[0]], a[f[1]], o[f[1]], from, of, into, oi, end);
        return end;
      case 3:
        product(c, a[f[0]], o[f[0]], a[f[1]], o[f[1]], a[f[2]], o[f[2]], from, of, into, oi, end);
        return end;
      case 4:
        product(c, a[f[0]], o[f[0]], a[f[1]], o[f[1]], a[f[2]], o[f[2]], a[f[3]], o[f[3]], from, of,
            into, oi, end);
        return end;
      case MAX_FACTORS:
        product(c, a[f[0]], o[f[0]], a[f[1]], o[f[1]], a[f[2]], o[f[2]], a[f[3]], o[f[3]], a[f[4]],
            o[f[4]], from, of, into, oi, end);
        return end;
      default:
        return 0;
    }
  }

  private static void constant(
      double c, double[] from, int of, double[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      DoubleVector.fromArray(SPECIES, from, of + i).add(c).intoArray(into, oi + i);
    }
  }

  private static void product(
      double c, double[] x, int ox, double[] from, int of, double[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      DoubleVector p = DoubleVector.broadcast(SPECIES, c).mul(load(x, ox + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static void product(
      double c, double[] x, int ox, double[] y, int oy, double[] from, int of, double[] into,
      int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      DoubleVector p = DoubleVector.broadcast(SPECIES, c).mul(load(x, ox + i)).mul(load(y, oy + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static void product(
      double c, double[] x, int ox, double[] y, int oy, double[] z, int oz, double[] from, int of,
      double[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      DoubleVector p = DoubleVector.broadcast(SPECIES, c).mul(load(x, ox + i)).mul(load(y, oy + i))
          .mul(load(z, oz + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static void product(
      double c, double[] x, int ox, double[] y, int oy, double[] z, int oz, double[] u, int ou,
      double[] from, int of, double[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      DoubleVector p = DoubleVector.broadcast(SPECIES, c).mul(load(x, ox + i)).mul(load(y, oy + i))
          .mul(load(z, oz + i)).mul(load(u, ou + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static void product(
      double c, double[] x, int ox, double[] y, int oy, double[] z, int oz, double[] u, int ou,
      double[] v, int ov, double[] from, int of, double[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      DoubleVector p = DoubleVector.broadcast(SPECIES, c).mul(load(x, ox + i)).mul(load(y, oy + i))
          .mul(load(z, oz + i)).mul(load(u, ou + i)).mul(load(v, ov + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static DoubleVector load(double[] array, int offset) {
    return DoubleVector.fromArray(SPECIES, array, offset);
  }
}
