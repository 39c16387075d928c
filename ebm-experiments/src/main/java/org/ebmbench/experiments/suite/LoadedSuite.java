package org.ebmbench.experiments.suite;

import java.nio.file.Path;

/**
 * A parsed and validated suite with where it came from.
 *
 * @param suite the suite
 * @param source how the user named it: a built-in name or the path as given
 * @param directory where relative data file paths are resolved (the suite file's folder; the
 *     working directory for built-ins)
 * @param sha256 the SHA-256 of the suite file's bytes, hex
 */
public record LoadedSuite(Suite suite, String source, Path directory, String sha256) {
  /** An error message prefix naming this suite: {@code suite my.yaml: }. */
  public String prefix() {
    return "suite " + source + ": ";
  }
}
