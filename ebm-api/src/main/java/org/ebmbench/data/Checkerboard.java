package org.ebmbench.data;

import org.ebmbench.random.RandomStream;

/**
 * "checkerboard" as in FFJORD's toy_data.py (Grathwohl et al. 2019): uniform on 8 of the 16
 * squares of side 2 that tile [-4, 4)^2, the squares whose integer corner indices (floor(x1 / 2),
 * floor(x2 / 2)) have an even sum. FFJORD draws x1 ~ U[-2, 2), x2 = U[0, 1) - 2 B + (floor(x1)
 * mod 2) with B a fair bit, and returns 2 (x1, x2): exactly this law, drawn the same way here.
 *
 * <p>log p = -log 32 on the support (total area 32) and -infinity off it. The density is
 * discontinuous, so there is no score.
 */
final class Checkerboard implements Density {
  static final String NAME = "checkerboard";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public double[] sample(int n, RandomStream stream) {
    double[] out = new double[2 * n];
    for (int r = 0; r < n; r++) {
      double x1 = 4 * stream.nextDouble() - 2;
      double x2 = stream.nextDouble() - 2 * stream.nextInt(2) + Math.floorMod((int) Math.floor(x1), 2);
      out[2 * r] = 2 * x1;
      out[2 * r + 1] = 2 * x2;
    }
    return out;
  }

  @Override
  public boolean hasLogDensity() {
    return true;
  }

  @Override
  public double logDensity(double[] x, int offset) {
    double u = x[offset] / 2;
    double v = x[offset + 1] / 2;
    if (!(u >= -2 && u < 2 && v >= -2 && v < 2)) {
      return Double.NEGATIVE_INFINITY;
    }
    int parity = Math.floorMod((int) Math.floor(u) + (int) Math.floor(v), 2);
    return parity == 0 ? -Math.log(32) : Double.NEGATIVE_INFINITY;
  }

  @Override
  public boolean hasScore() {
    return false;
  }

  @Override
  public void score(double[] x, int offset, double[] out, int outOffset) {
    throw new UnsupportedOperationException(NAME + " is discontinuous: it has no score");
  }
}
