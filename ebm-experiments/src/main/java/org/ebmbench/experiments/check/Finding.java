package org.ebmbench.experiments.check;

/**
 * One line of a check's output.
 *
 * @param severity whether it fails the check
 * @param text the line, without the severity word
 */
public record Finding(Severity severity, String text) {
  /** How much a finding matters. */
  public enum Severity {
    /** Fails the check (exit status 1). */
    REGRESSION,
    /** Printed, does not fail the check. */
    WARNING
  }

  @Override
  public String toString() {
    return severity + " " + text;
  }
}
