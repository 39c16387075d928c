package org.ebmbench.data;

import org.ebmbench.random.RandomStream;

/**
 * "moons" as in FFJORD's toy_data.py (Grathwohl et al. 2019), which calls scikit-learn's
 * make_moons(noise=0.1) and maps x to 2 x + (-1, -0.2). make_moons puts half the points on the
 * upper arc (cos t, sin t) and half on the lower arc (1 - cos t, 1/2 - sin t), t evenly spaced in
 * [0, pi], then adds N(0, 0.1^2 I). The law drawn here exactly: an arc uniformly, t uniform in
 * [0, pi], the same noise, the same affine map (so the noise in the final coordinates has standard
 * deviation 0.2).
 */
final class TwoMoons extends SampleOnlyDensity {
  static final String NAME = "moons";
  private static final double NOISE = 0.1;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double[] sample(int n, RandomStream stream) {
    double[] out = new double[2 * n];
    for (int r = 0; r < n; r++) {
      double t = Math.PI * stream.nextDouble();
      boolean upper = stream.nextInt(2) == 0;
      double x = upper ? Math.cos(t) : 1 - Math.cos(t);
      double y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
      x += NOISE * stream.nextGaussian();
      y += NOISE * stream.nextGaussian();
      out[2 * r] = 2 * x - 1;
      out[2 * r + 1] = 2 * y - 0.2;
    }
    return out;
  }
}
