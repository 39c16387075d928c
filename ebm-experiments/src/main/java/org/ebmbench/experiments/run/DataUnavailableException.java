package org.ebmbench.experiments.run;

/**
 * Thrown by {@link Family#prepare} when an experiment's data is not on this machine (a data set
 * that is installed separately, never bundled). The run goes on: the experiment's cells are
 * recorded as skipped with this message, which must say what is missing, where it was looked
 * for, and how to install it or point to it.
 */
public final class DataUnavailableException extends RuntimeException {
  public DataUnavailableException(String message) {
    super(message);
  }
}
