package org.ebmbench.experiments.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.EngineUnavailableException;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Precision;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.suite.ExperimentSpec;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.Suite;

/**
 * Which engines an experiment's cells run on: the same list for every experiment (the command
 * line's {@code --engine}), or the suite's {@code engines} (an experiment's own list, else the
 * suite's default). Each name is resolved once, so all cells on "gpu" share one engine.
 */
public final class EngineChoice {
  private final List<Engine> fixed;
  private final String precision;
  private final Map<String, Engine> resolved = new HashMap<>();

  private EngineChoice(List<Engine> fixed, String precision) {
    this.fixed = fixed;
    this.precision = precision;
  }

  /** {@code engines} for every experiment, whatever the suite says. */
  public static EngineChoice fixed(List<Engine> engines) {
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("no engines given");
    }
    return new EngineChoice(List.copyOf(engines), null);
  }

  /**
   * The engines each experiment of the suite names.
   *
   * @param precision the precision of names that carry none ({@code --precision}), null for each
   *     engine's default
   */
  public static EngineChoice fromSuite(String precision) {
    if (precision != null) {
      precision(precision);
    }
    return new EngineChoice(null, precision);
  }

  /**
   * The engines of the experiment at {@code path}.
   *
   * @throws InvalidSpecException naming the suite field when an engine cannot run here
   */
  List<Engine> enginesOf(Suite suite, ExperimentSpec spec, FieldPath path) {
    if (fixed != null) {
      return fixed;
    }
    FieldPath field =
        spec.engines() != null ? path.field("engines") : FieldPath.root().field("engines");
    List<Engine> engines = new ArrayList<>();
    for (String name : suite.enginesOf(spec)) {
      try {
        engines.add(resolved.computeIfAbsent(name, n -> resolve(n, precision)));
      } catch (InputException e) {
        throw new InvalidSpecException(field, e.getMessage());
      }
    }
    return engines;
  }

  /**
   * The engine named {@code entry}, at the precision the entry carries ("gpu:double"), else at
   * {@code precision}, else at its default.
   *
   * @throws InputException when the engine is unknown, cannot run here or lacks the precision
   */
  public static Engine resolve(String entry, String precision) {
    String[] parts = entry.trim().split(":", 2);
    String wanted = parts.length == 2 ? parts[1] : precision;
    try {
      Engine engine = Engines.byName(parts[0]);
      return wanted == null ? engine : EngineAtPrecision.of(engine, precision(wanted));
    } catch (IllegalArgumentException
        | EngineUnavailableException
        | UnsupportedOperationException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  private static Precision precision(String name) {
    try {
      return Precision.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InputException("--precision must be float or double, got '" + name + "'", e);
    }
  }
}
