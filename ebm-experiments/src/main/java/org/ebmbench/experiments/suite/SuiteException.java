package org.ebmbench.experiments.suite;

import org.ebmbench.experiments.InputException;

/** A suite file that cannot be used; the message starts with {@code suite <file>:}. */
public final class SuiteException extends InputException {
  public SuiteException(String message) {
    super(message);
  }

  public SuiteException(String message, Throwable cause) {
    super(message, cause);
  }
}
