package org.ebmbench.engine;

/**
 * A numerical engine, found at run time by {@link java.util.ServiceLoader} and chosen by name
 * (see {@link Engines}). An engine module registers its implementation in
 * {@code META-INF/services/org.ebmbench.engine.Engine}.
 */
public interface Engine {
  /** The name users choose the engine by: "cpu", "gpu". */
  String name();

  /** Larger wins when no engine is named. */
  int priority();

  /** A cheap probe: can this engine run here? Must not throw. */
  Availability availability();

  /** Backend, device and precision, for provenance. */
  EngineInfo info();

  /**
   * Operations in the given precision.
   *
   * @throws UnsupportedOperationException if the engine does not offer that precision
   */
  Ops ops(Precision precision);

  /** Operations in the engine's default precision. */
  default Ops ops() {
    return ops(info().precision());
  }
}
