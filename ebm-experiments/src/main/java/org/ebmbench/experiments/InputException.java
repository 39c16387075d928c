package org.ebmbench.experiments;

/**
 * A problem with what the user gave us (a suite file, a data file, an option value), as opposed
 * to a bug. Its message is shown as one line and names the file, field and value at fault; the
 * command line exits with status 2.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
