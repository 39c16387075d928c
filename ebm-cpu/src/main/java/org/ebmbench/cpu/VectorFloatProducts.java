package org.ebmbench.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorProducts} for float storage: the float {@link ProductSumPass#accumulate}'s terms in
 * float lanes, the same multiplications and addition as its scalar loop in the same order, so the
 * same bits. The loops are VectorProducts' with float types: Java has no generics over primitive
 * element types, and a shared loop over both vector classes would give C2 two receiver classes
 * at every load and store, which it then no longer compiles to single instructions (see {@link
 * VectorConversions}). Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorFloatProducts {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** Terms of more factors than this are left to the scalar loop. */
  private static final int MAX_FACTORS = 5;

  private VectorFloatProducts() {}

  /**
   * As {@link ProductSumPass#accumulate} for elements [0, end), and returns end: a multiple of
   * the lane count at most length, or 0 for a term of more than {@value #MAX_FACTORS} factors.
   */
  static int accumulate(
      float c, int[] f, float[][] a, int[] o, float[] from, int of, float[] into, int oi,
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

  private static void constant(float c, float[] from, int of, float[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      FloatVector.fromArray(SPECIES, from, of + i).add(c).intoArray(into, oi + i);
    }
  }

  private static void product(
      float c, float[] x, int ox, float[] from, int of, float[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      FloatVector p = FloatVector.broadcast(SPECIES, c).mul(load(x, ox + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static void product(
      float c, float[] x, int ox, float[] y, int oy, float[] from, int of, float[] into, int oi,
      int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      FloatVector p = FloatVector.broadcast(SPECIES, c).mul(load(x, ox + i)).mul(load(y, oy + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static void product(
      float c, float[] x, int ox, float[] y, int oy, float[] z, int oz, float[] from, int of,
      float[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      FloatVector p = FloatVector.broadcast(SPECIES, c).mul(load(x, ox + i)).mul(load(y, oy + i))
          .mul(load(z, oz + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static void product(
      float c, float[] x, int ox, float[] y, int oy, float[] z, int oz, float[] u, int ou,
      float[] from, int of, float[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      FloatVector p = FloatVector.broadcast(SPECIES, c).mul(load(x, ox + i)).mul(load(y, oy + i))
          .mul(load(z, oz + i)).mul(load(u, ou + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static void product(
      float c, float[] x, int ox, float[] y, int oy, float[] z, int oz, float[] u, int ou,
      float[] v, int ov, float[] from, int of, float[] into, int oi, int end) {
    for (int i = 0; i < end; i += SPECIES.length()) {
      FloatVector p = FloatVector.broadcast(SPECIES, c).mul(load(x, ox + i)).mul(load(y, oy + i))
          .mul(load(z, oz + i)).mul(load(u, ou + i)).mul(load(v, ov + i));
      load(from, of + i).add(p).intoArray(into, oi + i);
    }
  }

  private static FloatVector load(float[] array, int offset) {
    return FloatVector.fromArray(SPECIES, array, offset);
  }
}
