package org.ebmbench.crf;

import org.ebmbench.data.InvalidDataException;

/**
 * An observation sequence with its label sequence y, one label id per position.
 *
 * @param x the observations
 * @param y the label ids, as many as x has positions
 */
public record LabeledSequence(Sequence x, int[] y) {
  /** Checks that x and y have the same length and the labels are non-negative. */
  public LabeledSequence {
    if (y.length != x.length()) {
      throw new InvalidDataException(
          "labeled sequence: " + y.length + " labels for " + x.length() + " positions");
    }
    for (int t = 0; t < y.length; t++) {
      if (y[t] < 0) {
        throw new InvalidDataException("labeled sequence: label " + y[t] + " at position " + t);
      }
    }
    y = y.clone();
  }
}
