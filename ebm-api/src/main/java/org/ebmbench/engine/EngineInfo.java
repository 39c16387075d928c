package org.ebmbench.engine;

import java.util.Map;

/**
 * What an engine is and runs on, recorded in every result's provenance.
 *
 * @param name the engine's name, as chosen with {@code --engine}
 * @param backend the numerical backend (for example "java" or "nd4j-native")
 * @param device the device that does the arithmetic (CPU model or GPU name)
 * @param precision the precision of {@link Engine#ops()}
 * @param threads the number of worker threads the engine uses
 * @param details further build details (library versions, BLAS vendor, ...)
 */
public record EngineInfo(
    String name,
    String backend,
    String device,
    Precision precision,
    int threads,
    Map<String, String> details) {
  public EngineInfo {
    details = Map.copyOf(details);
  }
}
