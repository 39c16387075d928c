package org.ebmbench.crf;

/** The sufficient statistics phi(x, y) of a chain CRF, added into a parameter-shaped vector. */
final class ChainFeatures {
  private ChainFeatures() {}

  /** Adds {@code factor} * phi(x, y) to {@code target} (laid out as {@link ChainCrf}'s weights). */
  static void add(ChainCrf model, Sequence x, int[] y, double factor, double[] target) {
    int length = y.length;
    for (int t = 0; t < length; t++) {
      for (int a : x.attributesAt(t)) {
        target[model.emissionIndex(a, y[t])] += factor;
      }
      if (t > 0) {
        target[model.transitionIndex(y[t - 1], y[t])] += factor;
      }
    }
    target[model.startIndex(y[0])] += factor;
    target[model.endIndex(y[length - 1])] += factor;
  }
}
