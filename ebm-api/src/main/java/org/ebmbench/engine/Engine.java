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

  /**
   * Whether a caller that has a computation both as plain host code (Java loops over {@code
   * double[]}) and composed from {@link #ops()} should run the host code when the work is small
   * and made of many dependent steps (a chain CRF's forward-backward, for example). True when this
   * engine's operations run in the JVM on the host CPU anyway, so host code transfers nothing and
   * saves the per-operation cost; false (the default) for an engine on an accelerator or behind a
   * native library, whose own operations are the point of choosing it. A hint about speed only:
   * both forms must give correct results on every engine.
   */
  default boolean prefersHostKernels() {
    return false;
  }

  /** Operations in the engine's default precision. */
  default Ops ops() {
    return ops(info().precision());
  }
}
