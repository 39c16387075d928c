package org.ebmbench.experiments.run;

/** A cell that cannot finish (diverged, NaN metrics, ...); the message is its recorded reason. */
public final class CellFailedException extends RuntimeException {
  public CellFailedException(String reason) {
    super(reason);
  }
}
