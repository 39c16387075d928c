package org.ebmbench.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link PolynomialExp#exp} in SIMD lanes of the incubating Vector API: lane by lane the same
 * operations in the same order (multiplications and additions never fused), so the bits are the
 * same. Loaded only when {@link ElementPass#VECTOR_API}.
 */
final class VectorExp {
  private VectorExp() {}

  /** e^y in every lane, as {@link PolynomialExp#exp} computes it. */
  static DoubleVector exp(DoubleVector y) {
    DoubleVector clamped = y.max(PolynomialExp.LOW).min(PolynomialExp.HIGH);
    DoubleVector t = clamped.mul(PolynomialExp.LOG2E).add(PolynomialExp.SHIFT);
    DoubleVector k = t.sub(PolynomialExp.SHIFT);
    DoubleVector r = clamped.sub(k.mul(PolynomialExp.LN2_HI)).sub(k.mul(PolynomialExp.LN2_LO));
    DoubleVector p = r.mul(PolynomialExp.C13).add(PolynomialExp.C12);
    p = r.mul(p).add(PolynomialExp.C11);
    p = r.mul(p).add(PolynomialExp.C10);
    p = r.mul(p).add(PolynomialExp.C9);
    p = r.mul(p).add(PolynomialExp.C8);
    p = r.mul(p).add(PolynomialExp.C7);
    p = r.mul(p).add(PolynomialExp.C6);
    p = r.mul(p).add(PolynomialExp.C5);
    p = r.mul(p).add(PolynomialExp.C4);
    p = r.mul(p).add(PolynomialExp.C3);
    p = r.mul(p).add(PolynomialExp.C2);
    p = r.mul(p).add(1.0);
    p = r.mul(p).add(1.0);
    DoubleVector scale =
        t.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    return p.mul(scale)
        .blend(Double.POSITIVE_INFINITY, y.compare(VectorOperators.GT, PolynomialExp.HIGH))
        .blend(0.0, y.compare(VectorOperators.LT, PolynomialExp.LOW));
  }
}
