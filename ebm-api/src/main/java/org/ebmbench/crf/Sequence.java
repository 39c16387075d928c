package org.ebmbench.crf;

import java.util.Arrays;
import org.ebmbench.data.InvalidDataException;

/**
 * An observation sequence x: at each position, the ids of the binary attributes that fire there
 * (all others are zero). Ids index the rows of a {@link ChainCrf}'s emission matrix.
 */
public final class Sequence {
  private final int[][] attributes;

  /**
   * @param attributes one array of attribute ids per position (copied); at least one position
   * @throws InvalidDataException if there is no position or an id is negative
   */
  public Sequence(int[][] attributes) {
    if (attributes.length == 0) {
      throw new InvalidDataException("sequence: needs at least one position, got 0");
    }
    this.attributes = new int[attributes.length][];
    for (int t = 0; t < attributes.length; t++) {
      for (int a : attributes[t]) {
        if (a < 0) {
          throw new InvalidDataException("sequence: attribute id " + a + " at position " + t);
        }
      }
      this.attributes[t] = attributes[t].clone();
    }
  }

  /** Number of positions T. */
  public int length() {
    return attributes.length;
  }

  /** The attribute ids firing at position {@code t}; the caller must not modify the array. */
  int[] attributesAt(int t) {
    return attributes[t];
  }

  /** A copy of the attribute ids firing at position {@code t}. */
  public int[] attributes(int t) {
    return attributes[t].clone();
  }

  /** The largest attribute id used, or -1 if none fires anywhere. */
  public int maxAttribute() {
    int max = -1;
    for (int[] at : attributes) {
      for (int a : at) {
        max = Math.max(max, a);
      }
    }
    return max;
  }

  @Override
  public String toString() {
    return "Sequence" + Arrays.deepToString(attributes);
  }
}
