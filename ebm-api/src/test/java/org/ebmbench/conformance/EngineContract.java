package org.ebmbench.conformance;

import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;

/**
 * The base of every contract in the conformance kit. An engine module runs a contract through a
 * subclass that only says which engine to test, for example:
 *
 * <pre>{@code
 * class CpuOpsContractTest extends OpsContract {
 *   protected Engine engine() { return new CpuEngine(); }
 * }
 * }</pre>
 *
 * <p>A subclass that also overrides {@link #precision()} runs the contract in another precision of
 * the same engine, with that precision's {@link Tolerances}.
 */
public abstract class EngineContract {
  private Ops ops;

  /** The engine under test. */
  protected abstract Engine engine();

  /** The precision under test: the engine's default unless a subclass says otherwise. */
  protected Precision precision() {
    return engine().info().precision();
  }

  /** The engine's operations in {@link #precision()} (one instance per test). */
  protected Ops ops() {
    if (ops == null) {
      ops = engine().ops(precision());
    }
    return ops;
  }

  /** Tolerances for the precision of {@link #ops()}. */
  protected Tolerances tolerances() {
    return Tolerances.of(ops().precision());
  }
}
