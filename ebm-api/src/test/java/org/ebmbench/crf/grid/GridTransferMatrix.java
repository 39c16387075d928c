package org.ebmbench.crf.grid;

/**
 * log Z(x) of a grid CRF by a transfer matrix over columns (2^height states per column), written
 * from the definition of f with plain loops and no code shared with {@link GridCrf} or {@link
 * GridEnumeration}: the independent check of the enumeration.
 */
final class GridTransferMatrix {
  private GridTransferMatrix() {}

  static double logPartition(
      int height, int width, double bias, double unary, double coupling, double[] x) {
    int states = 1 << height;
    double[] log = new double[states];
    for (int col = 0; col < width; col++) {
      double[] next = new double[states];
      for (int s = 0; s < states; s++) {
        double within = 0;
        for (int r = 0; r < height; r++) {
          within += (bias + unary * x[r * width + col]) * spin(s, r);
          if (r + 1 < height) {
            within += coupling * spin(s, r) * spin(s, r + 1);
          }
        }
        if (col == 0) {
          next[s] = within;
          continue;
        }
        double[] terms = new double[states];
        for (int p = 0; p < states; p++) {
          double between = 0;
          for (int r = 0; r < height; r++) {
            between += coupling * spin(p, r) * spin(s, r);
          }
          terms[p] = log[p] + between;
        }
        next[s] = within + logSumExp(terms);
      }
      log = next;
    }
    return logSumExp(log);
  }

  private static int spin(int state, int row) {
    return ((state >>> row) & 1) == 1 ? 1 : -1;
  }

  private static double logSumExp(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : values) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }
}
