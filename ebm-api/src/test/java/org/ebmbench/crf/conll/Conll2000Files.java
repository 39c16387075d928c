package org.ebmbench.crf.conll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the CoNLL-2000 directory (train.txt, test.txt), never bundled: the system property {@code
 * ebm.conll2000}, else the environment variable {@code EBM_CONLL2000}, else {@code
 * shared/data/conll2000} in the working directory or one of its ancestors.
 */
final class Conll2000Files {
  private Conll2000Files() {}

  static Optional<Path> locate() {
    String given = System.getProperty("ebm.conll2000", System.getenv("EBM_CONLL2000"));
    if (given != null) {
      Path dir = Path.of(given);
      return complete(dir) ? Optional.of(dir) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/conll2000");
      if (complete(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean complete(Path dir) {
    return Files.isRegularFile(dir.resolve("train.txt"))
        && Files.isRegularFile(dir.resolve("test.txt"));
  }

  static final String MISSING =
      "CoNLL-2000 data not found: set -Debm.conll2000=DIR or EBM_CONLL2000=DIR (a directory with"
          + " train.txt and test.txt), or place it at shared/data/conll2000 above the working"
          + " directory";
}
