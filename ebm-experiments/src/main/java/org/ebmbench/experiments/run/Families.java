package org.ebmbench.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.ModelSpec;

/**
 * The model families: every name the benchmark knows, and the ones implemented so far. A known
 * family without an implementation is a clear message, not an unknown name.
 */
public final class Families {
  /** Every family of the benchmark, implemented or not. */
  public static final List<String> KNOWN = List.of("toy", "rbm", "crf", "neural");

  private final Map<String, Family> implemented = new LinkedHashMap<>();

  /** A registry of the given implementations; each must have a known name. */
  public Families(List<Family> families) {
    for (Family family : families) {
      if (!KNOWN.contains(family.name())) {
        throw new IllegalArgumentException("family '" + family.name() + "' is not in " + KNOWN);
      }
      implemented.put(family.name(), family);
    }
  }

  /** The implemented family of that name. */
  public Family require(String name, FieldPath path) {
    checkKnown(name, path);
    Family family = implemented.get(name);
    if (family == null) {
      throw new InvalidSpecException(
          path, "family '" + name + "' has no implementation yet (implemented: " + implementedNames() + ")");
    }
    return family;
  }

  /** Whether {@code name} is implemented. */
  public boolean isImplemented(String name) {
    return implemented.containsKey(name);
  }

  /** Checks a {@code --family} value. */
  public void checkKnownOption(String name) {
    if (!KNOWN.contains(name)) {
      throw new InputException(
          "--family: unknown family '" + name + "' (known: " + String.join(", ", KNOWN) + ")");
    }
  }

  private void checkKnown(String name, FieldPath path) {
    if (!KNOWN.contains(name)) {
      throw new InvalidSpecException(
          path, "unknown family '" + name + "' (known: " + String.join(", ", KNOWN) + ")");
    }
  }

  /** Names of the implemented families, comma-separated. */
  public String implementedNames() {
    return implemented.isEmpty() ? "none" : String.join(", ", implemented.keySet());
  }

  /** The model spec types of every implemented family. */
  public List<Class<? extends ModelSpec>> modelTypes() {
    List<Class<? extends ModelSpec>> types = new ArrayList<>();
    implemented.values().forEach(f -> types.addAll(f.modelTypes()));
    return types;
  }
}
