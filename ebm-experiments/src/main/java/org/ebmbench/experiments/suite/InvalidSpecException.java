package org.ebmbench.experiments.suite;

/**
 * A value in a suite that breaks a rule, found while validating one part of it. The suite loader
 * adds the file name, so specs need only say where and what: {@code experiments[1].model.n: must
 * be between 1 and 24, got 30}.
 */
public final class InvalidSpecException extends RuntimeException {
  public InvalidSpecException(FieldPath path, String problem) {
    super(path + ": " + problem);
  }
}
