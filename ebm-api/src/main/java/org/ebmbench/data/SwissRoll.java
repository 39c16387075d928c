package org.ebmbench.data;

import org.ebmbench.random.RandomStream;

/**
 * "swissroll" as in FFJORD's toy_data.py (Grathwohl et al. 2019), which calls scikit-learn's
 * make_swiss_roll(noise=1.0), keeps coordinates 0 and 2 and divides by 5: t = 1.5 pi (1 + 2 U)
 * with U uniform on [0, 1), x = (t cos t + xi_1, t sin t + xi_2) / 5 with xi ~ N(0, I). Drawn here
 * exactly that way. The points reach radius about 4.5 pi / 5 ~ 2.8 plus noise of standard deviation
 * 0.2.
 */
final class SwissRoll extends SampleOnlyDensity {
  static final String NAME = "swissroll";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double[] sample(int n, RandomStream stream) {
    double[] out = new double[2 * n];
    for (int r = 0; r < n; r++) {
      double t = 1.5 * Math.PI * (1 + 2 * stream.nextDouble());
      out[2 * r] = (t * Math.cos(t) + stream.nextGaussian()) / 5;
      out[2 * r + 1] = (t * Math.sin(t) + stream.nextGaussian()) / 5;
    }
    return out;
  }
}
