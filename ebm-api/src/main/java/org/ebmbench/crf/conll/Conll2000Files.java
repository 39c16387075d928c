package org.ebmbench.crf.conll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the CoNLL-2000 directory (train.txt and test.txt), which is never bundled. Looks, in
 * order, at the given candidates (a path from a suite), the system property {@code ebm.conll2000},
 * the environment variable {@code EBM_CONLL2000}, and {@code shared/data/conll2000} in the working
 * directory or one of its ancestors, then in the EBM Bench folder (system property {@code
 * ebm.home}, set by the {@code ebm} launcher) or one of its ancestors.
 */
public final class Conll2000Files {
  private Conll2000Files() {}

  /** How to make the data available, for messages. */
  public static final String HOW_TO_INSTALL =
      "put CoNLL-2000's train.txt and test.txt (WORD POS CHUNK columns) in a directory and point"
          + " to it with -Debm.conll2000=DIR or EBM_CONLL2000=DIR, or place it at"
          + " shared/data/conll2000 in or above the working directory or the EBM Bench folder";

  /** The message when the data cannot be found by {@link #locate()}. */
  public static final String MISSING = "CoNLL-2000 data not found: " + HOW_TO_INSTALL;

  /** The first complete directory among the default places. */
  public static Optional<Path> locate() {
    return locate(List.of());
  }

  /** The first complete directory among {@code candidates}, then the default places. */
  public static Optional<Path> locate(List<Path> candidates) {
    return places(candidates).stream().filter(Conll2000Files::complete).findFirst();
  }

  /** Every place {@link #locate(List)} looks, in order. */
  public static List<Path> places(List<Path> candidates) {
    List<Path> places = new ArrayList<>(candidates);
    String property = System.getProperty("ebm.conll2000");
    if (property != null) {
      places.add(Path.of(property));
    }
    String environment = System.getenv("EBM_CONLL2000");
    if (environment != null) {
      places.add(Path.of(environment));
    }
    addAncestors(places, Path.of("").toAbsolutePath());
    String home = System.getProperty("ebm.home");
    if (home != null) {
      addAncestors(places, Path.of(home).toAbsolutePath());
    }
    return places.stream().distinct().toList();
  }

  private static void addAncestors(List<Path> places, Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      places.add(dir.resolve("shared/data/conll2000"));
    }
  }

  private static boolean complete(Path dir) {
    return Files.isRegularFile(dir.resolve("train.txt"))
        && Files.isRegularFile(dir.resolve("test.txt"));
  }
}
