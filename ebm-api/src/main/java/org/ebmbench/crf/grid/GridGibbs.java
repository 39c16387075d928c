package org.ebmbench.crf.grid;

import org.ebmbench.random.RandomStream;

/**
 * Gibbs sampling of a grid CRF's labels given x: a sweep visits the sites in row-major order and
 * sets y_i = +1 with probability P(y_i = 1 | neighbours, x) = sigmoid(2 * field_i).
 */
public final class GridGibbs {
  private GridGibbs() {}

  /** {@code sweeps} sweeps over {@code y}, in place. */
  public static void run(GridCrf model, double[] x, int[] y, int sweeps, RandomStream random) {
    model.check(x, y);
    for (int s = 0; s < sweeps; s++) {
      for (int i = 0; i < y.length; i++) {
        double up = probabilityUp(model.localField(x, y, i));
        y[i] = random.nextDouble() < up ? 1 : -1;
      }
    }
  }

  /** P(y_i = +1 | rest) = 1 / (1 + exp(-2 field)). */
  static double probabilityUp(double field) {
    return 1 / (1 + Math.exp(-2 * field));
  }
}
