package org.ebmbench.data;

import org.ebmbench.random.RandomStream;

/**
 * "pinwheel" as in FFJORD's toy_data.py (Grathwohl et al. 2019): five arms. For arm k (uniform
 * in 0..4) draw a = 1 + 0.3 z_1 and b = 0.1 z_2 (z standard normal), turn by the angle
 * 2 pi k / 5 + 0.25 exp(a), and scale by 2: x = 2 (a cos phi + b sin phi, -a sin phi + b cos phi).
 * FFJORD gives each arm a fifth of a batch; the law it approximates, drawn here exactly, picks
 * the arm uniformly.
 */
final class Pinwheel extends SampleOnlyDensity {
  static final String NAME = "pinwheel";
  private static final int ARMS = 5;
  private static final double RADIAL_STD = 0.3;
  private static final double TANGENTIAL_STD = 0.1;
  private static final double RATE = 0.25;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double[] sample(int n, RandomStream stream) {
    double[] out = new double[2 * n];
    for (int r = 0; r < n; r++) {
      int arm = stream.nextInt(ARMS);
      double a = 1 + RADIAL_STD * stream.nextGaussian();
      double b = TANGENTIAL_STD * stream.nextGaussian();
      double phi = 2 * Math.PI * arm / ARMS + RATE * Math.exp(a);
      double c = Math.cos(phi);
      double s = Math.sin(phi);
      out[2 * r] = 2 * (a * c + b * s);
      out[2 * r + 1] = 2 * (-a * s + b * c);
    }
    return out;
  }
}
