package org.ebmbench.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatSigmoid}'s pass in SIMD lanes: lane by lane the same float operations in the same
 * order as {@link FloatSigmoid#scalar} (never fused), so the same bits. Loaded only when {@link
 * ElementPass#VECTOR_API}.
 */
final class VectorFloatSigmoid {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private VectorFloatSigmoid() {}

  /** As {@link FloatSigmoid#pass}; the last length % lanes elements go through the scalar loop. */
  static void pass(float[] a, int from, float[] s, int to, int length) {
    FloatVector one = FloatVector.broadcast(SPECIES, 1.0f);
    int lanes = SPECIES.length();
    int end = length - length % lanes;
    for (int i = 0; i < end; i += lanes) {
      FloatVector y = FloatVector.fromArray(SPECIES, a, from + i).neg();
      one.div(one.add(exp(y))).intoArray(s, to + i);
    }
    FloatSigmoid.scalar(a, from, s, to, end, length);
  }

  /** e^y in every lane, as {@link FloatSigmoid#exp} computes it; {@link VectorFloatSilu} too. */
  static FloatVector exp(FloatVector y) {
    FloatVector clamped = y.max(FloatSigmoid.LOW).min(FloatSigmoid.HIGH);
    FloatVector t = clamped.mul(FloatSigmoid.LOG2E).add(FloatSigmoid.SHIFT);
    FloatVector k = t.sub(FloatSigmoid.SHIFT);
    FloatVector r = clamped.sub(k.mul(FloatSigmoid.LN2_HI)).sub(k.mul(FloatSigmoid.LN2_LO));
    FloatVector p = r.mul(FloatSigmoid.C7).add(FloatSigmoid.C6);
    p = r.mul(p).add(FloatSigmoid.C5);
    p = r.mul(p).add(FloatSigmoid.C4);
    p = r.mul(p).add(FloatSigmoid.C3);
    p = r.mul(p).add(FloatSigmoid.C2);
    p = r.mul(p).add(1.0f);
    p = r.mul(p).add(1.0f);
    FloatVector scale =
        t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    return p.mul(scale)
        .blend(Float.POSITIVE_INFINITY, y.compare(VectorOperators.GT, FloatSigmoid.HIGH))
        .blend(0.0f, y.compare(VectorOperators.LT, FloatSigmoid.LOW));
  }
}
