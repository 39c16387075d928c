package org.ebmbench.model;

/** Inverse-CDF lookup in a table of cumulative weights, shared by the exact samplers. */
final class InverseCdf {
  private InverseCdf() {}

  /**
   * The smallest index whose cumulative weight exceeds {@code target} (the last index if none
   * does, which absorbs round-off when target is drawn as u times the total).
   */
  static int firstAbove(double[] cumulative, double target) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] > target) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
