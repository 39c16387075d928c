package org.ebmbench.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds engines with {@link ServiceLoader}; the only place that knows how engines are found. */
public final class Engines {
  private Engines() {}

  /** Every engine on the class path, available or not, by descending priority. */
  public static List<Engine> all() {
    List<Engine> engines = new ArrayList<>();
    ServiceLoader.load(Engine.class).forEach(engines::add);
    engines.sort(Comparator.comparingInt(Engine::priority).reversed());
    return engines;
  }

  /** Names of every engine on the class path. */
  public static List<String> names() {
    return all().stream().map(Engine::name).collect(Collectors.toList());
  }

  /**
   * The engine with this name.
   *
   * @throws IllegalArgumentException naming the known engines if none has this name
   * @throws EngineUnavailableException with the engine's own reason if it cannot run here
   */
  public static Engine byName(String name) {
    Engine engine =
        all().stream()
            .filter(e -> e.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown engine '" + name + "'; known engines: " + String.join(", ", names())));
    Availability availability = engine.availability();
    if (!availability.available()) {
      throw new EngineUnavailableException(
          "engine '" + name + "' is not available: " + availability.reason());
    }
    return engine;
  }

  /** The available engine with the highest priority. */
  public static Engine best() {
    return all().stream()
        .filter(e -> e.availability().available())
        .findFirst()
        .orElseThrow(() -> new EngineUnavailableException("no engine is available; found: " + names()));
  }
}
