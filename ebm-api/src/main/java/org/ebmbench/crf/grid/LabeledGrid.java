package org.ebmbench.crf.grid;

/**
 * One image of a grid task: the observations x (row-major) and the labels y in {-1, +1}.
 *
 * @param x the observations, one per site
 * @param y the labels, one per site
 */
public record LabeledGrid(double[] x, int[] y) {
  /** Checks the lengths and labels. */
  public LabeledGrid {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "labeled grid: " + x.length + " observations but " + y.length + " labels");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 1 && y[i] != -1) {
        throw new IllegalArgumentException("labeled grid: label " + y[i] + " at site " + i);
      }
    }
  }
}
