package org.ebmbench.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatSigmoid}'s pass in SIMD lanes: lane by lane the same float operations in the same
 * order as {@link FloatSigmoid#scalar}, fused where it fuses, so the same bits. Loaded only when
 * {@link ElementPass#VECTOR_API}.
 */
final class VectorFloatSigmoid {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  // A fused multiply-add takes two scalars or two vectors: the constants paired with a vector.
  private static final FloatVector MINUS_LN2_HI =
      FloatVector.broadcast(SPECIES, -FloatSigmoid.LN2_HI);
  private static final FloatVector C5 = FloatVector.broadcast(SPECIES, FloatSigmoid.C5);
  private static final FloatVector C4 = FloatVector.broadcast(SPECIES, FloatSigmoid.C4);
  private static final FloatVector C3 = FloatVector.broadcast(SPECIES, FloatSigmoid.C3);
  private static final FloatVector C2 = FloatVector.broadcast(SPECIES, FloatSigmoid.C2);
  private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1.0f);

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

  /** e^y in every lane, as {@link FloatSigmoid#exp} computes it. */
  static FloatVector exp(FloatVector y) {
    return expInRange(y.max(FloatSigmoid.LOW).min(FloatSigmoid.HIGH))
        .blend(Float.POSITIVE_INFINITY, y.compare(VectorOperators.GT, FloatSigmoid.HIGH))
        .blend(0.0f, y.compare(VectorOperators.LT, FloatSigmoid.LOW));
  }

  /** {@link FloatSigmoid#expInRange} in every lane; {@link VectorFloatSilu} too. */
  static FloatVector expInRange(FloatVector y) {
    FloatVector t = y.fma(FloatSigmoid.LOG2E, FloatSigmoid.SHIFT);
    FloatVector k = t.sub(FloatSigmoid.SHIFT);
    FloatVector r = k.fma(MINUS_LN2_HI, y).sub(k.mul(FloatSigmoid.LN2_LO));
    FloatVector p = r.fma(FloatSigmoid.C7, FloatSigmoid.C6);
    p = r.fma(p, C5);
    p = r.fma(p, C4);
    p = r.fma(p, C3);
    p = r.fma(p, C2);
    p = r.fma(p, ONE);
    p = r.fma(p, ONE);
    return p.mul(t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
  }
}
