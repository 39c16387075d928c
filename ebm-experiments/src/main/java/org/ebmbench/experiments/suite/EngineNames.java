package org.ebmbench.experiments.suite;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ebmbench.engine.Engines;

/**
 * The {@code engines} field of a suite or an experiment: engine names as {@code ebm run --engine}
 * takes them, each optionally with a precision ({@code gpu:double}), as cells record them.
 */
public final class EngineNames {
  /** The precisions an engine name may carry after a colon. */
  public static final List<String> PRECISIONS = List.of("float", "double");

  /** The engines of an experiment when neither it, its suite nor the command line names any. */
  public static final List<String> DEFAULT = List.of("cpu");

  private EngineNames() {}

  /**
   * Checks that {@code names} is a non-empty list of known engines, each at most once.
   *
   * @throws InvalidSpecException naming the entry at fault and the allowed values
   */
  public static void validate(FieldPath path, List<String> names) {
    Check.nonEmpty(path, names);
    List<String> known = Engines.names();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      FieldPath entry = path.index(i);
      String name = Check.required(entry, names.get(i));
      String[] parts = name.split(":", 2);
      if (!known.contains(parts[0])) {
        throw new InvalidSpecException(
            entry, "unknown engine '" + name + "' (allowed: " + allowed(known) + ")");
      }
      if (parts.length == 2 && !PRECISIONS.contains(parts[1].toLowerCase(Locale.ROOT))) {
        throw new InvalidSpecException(
            entry, "unknown precision '" + parts[1] + "' in '" + name + "' (allowed: "
                + allowed(known) + ")");
      }
      if (!seen.add(name)) {
        throw new InvalidSpecException(entry, "engine '" + name + "' is listed twice");
      }
    }
  }

  /** "cpu, gpu, each optionally :float or :double". */
  private static String allowed(List<String> known) {
    return String.join(", ", known) + ", each optionally followed by :"
        + String.join(" or :", PRECISIONS);
  }
}
