package org.ebmbench.experiments.run;

import org.ebmbench.engine.Availability;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.EngineInfo;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;

/**
 * An engine run at a precision other than its default ({@code --precision}). Its name is the
 * engine's with the precision appended ("gpu:double"), so cells computed in the two precisions
 * get different keys; at the default precision the engine is used as it is and keys do not change.
 */
public final class EngineAtPrecision implements Engine {
  private final Engine engine;
  private final Precision precision;

  private EngineAtPrecision(Engine engine, Precision precision) {
    this.engine = engine;
    this.precision = precision;
  }

  /**
   * {@code engine} computing in {@code precision}; the engine itself when that is its default.
   *
   * @throws UnsupportedOperationException with the engine's reason if it does not offer it
   */
  public static Engine of(Engine engine, Precision precision) {
    if (precision == engine.info().precision()) {
      return engine;
    }
    engine.ops(precision);
    return new EngineAtPrecision(engine, precision);
  }

  @Override
  public String name() {
    return engine.name() + ":" + precision.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public int priority() {
    return engine.priority();
  }

  @Override
  public Availability availability() {
    return engine.availability();
  }

  @Override
  public EngineInfo info() {
    EngineInfo info = engine.info();
    return new EngineInfo(
        info.name(), info.backend(), info.device(), precision, info.threads(), info.details());
  }

  @Override
  public Ops ops(Precision requested) {
    return engine.ops(requested);
  }

  @Override
  public Ops ops() {
    return engine.ops(precision);
  }
}
