package org.ebmbench.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatSilu}'s pass in SIMD lanes: lane by lane the same float operations in the same order
 * as {@link FloatSilu#scalar} (never fused), so the same bits. Loaded only when {@link
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
    for (int i = 0; i < end; i += lanes) {
      FloatVector a = FloatVector.fromArray(SPECIES, v[0], o[0] + i);
      FloatVector e = VectorFloatSigmoid.exp(a.neg());
      FloatVector s = one.div(one.add(e));
      a.mul(s).intoArray(v[1], o[1] + i);
      if (order == 0) {
        continue;
      }
      FloatVector m = one.sub(s).blend(e.mul(s), a.compare(VectorOperators.GT, 0.0f));
      FloatVector q = s.mul(m);
      s.add(a.mul(q)).intoArray(v[2], o[2] + i);
      if (order == 1) {
        continue;
      }
      FloatVector r = one.sub(s.mul(2.0f));
      FloatVector ar = a.mul(r);
      q.mul(ar.add(2.0f)).intoArray(v[3], o[3] + i);
      if (order == 2) {
        continue;
      }
      q.mul(r.mul(ar.add(3.0f)).sub(a.mul(2.0f).mul(q))).intoArray(v[4], o[4] + i);
    }
    FloatSilu.scalar(v, o, order, end, length);
  }
}
