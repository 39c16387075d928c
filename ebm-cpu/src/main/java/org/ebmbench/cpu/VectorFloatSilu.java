package org.ebmbench.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatSilu}'s pass in SIMD lanes: lane by lane the same float operations in the same order
 * as {@link FloatSilu#scalar}, fused where it fuses, so the same bits. Loaded only when {@link
 * ElementPass#VECTOR_API}.
 */
final class VectorFloatSilu {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private VectorFloatSilu() {}

  /** As {@link FloatSilu#pass}; the last length % lanes elements go through the scalar loop. */
  static void pass(float[][] v, int[] o, int order, int length) {
    FloatVector one = FloatVector.broadcast(SPECIES, 1.0f);
    int lanes = SPECIES.length();
    int end = length - length % lanes;
    // In locals: read through v and o in the loop, the pass took half as long again.
    float[] x = v[0];
    float[] phi = v[1];
    float[] d1 = v[2];
    float[] d2 = v[3];
    float[] d3 = v[4];
    int ox = o[0];
    int o1 = o[1];
    int o2 = o[2];
    int o3 = o[3];
    int o4 = o[4];
    for (int i = 0; i < end; i += lanes) {
      FloatVector a = FloatVector.fromArray(SPECIES, x, ox + i);
      FloatVector w = a.abs();
      // Lanes beyond the bound (or infinite) compute garbage that the blend replaces.
      FloatVector e = VectorFloatSigmoid.expInRange(w.neg())
          .blend(0.0f, w.compare(VectorOperators.GT, FloatSilu.BOUND));
      FloatVector d = one.div(one.add(e));
      FloatVector ed = e.mul(d);
      VectorMask<Float> positive = a.compare(VectorOperators.GT, 0.0f);
      FloatVector s = ed.blend(d, positive);
      a.mul(s).intoArray(phi, o1 + i);
      if (order == 0) {
        continue;
      }
      FloatVector q = ed.mul(d);
      a.fma(q, s).intoArray(d1, o2 + i);
      if (order == 1) {
        continue;
      }
      FloatVector m = one.sub(e).mul(d);
      FloatVector r = m.blend(m.neg(), positive);
      FloatVector ar = a.mul(r);
      q.mul(ar.add(2.0f)).intoArray(d2, o3 + i);
      if (order == 2) {
        continue;
      }
      q.mul(r.mul(ar.add(3.0f)).sub(a.mul(2.0f).mul(q))).intoArray(d3, o4 + i);
    }
    FloatSilu.scalar(v, o, order, end, length);
  }
}
