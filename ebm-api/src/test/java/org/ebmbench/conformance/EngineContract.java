package org.ebmbench.conformance;

import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Ops;

/**
 * The base of every contract in the conformance kit. An engine module runs a contract through a
 * subclass that only says which engine to test, for example:
 *
 * <pre>{@code
 * class CpuOpsContractTest extends OpsContract {
 *   protected Engine engine() { return new CpuEngine(); }
 * }
 * }</pre>
 */
public abstract class EngineContract {
  private Ops ops;

  /** The engine under test. */
  protected abstract Engine engine();

  /** The engine's operations in its default precision (one instance per test). */
  protected Ops ops() {
    if (ops == null) {
      ops = engine().ops();
    }
    return ops;
  }

  /** Tolerances for the precision of {@link #ops()}. */
  protected Tolerances tolerances() {
    return Tolerances.of(ops().precision());
  }
}
