package org.ebmbench.train;

import java.util.List;

/** Training produced a non-finite loss gradient or parameters; names the step and the culprit. */
public final class TrainingDivergedException extends RuntimeException {
  private final int step;
  private final String quantity;
  private final transient List<CurvePoint> curveSoFar;

  TrainingDivergedException(int step, String quantity, String detail, List<CurvePoint> curveSoFar) {
    super("training diverged at step " + step + ": the " + quantity + " " + detail);
    this.step = step;
    this.quantity = quantity;
    this.curveSoFar = List.copyOf(curveSoFar);
  }

  /** The optimizer step (1-based) at which a non-finite value appeared. */
  public int step() {
    return step;
  }

  /** What was non-finite: "loss gradient" or "parameters". */
  public String quantity() {
    return quantity;
  }

  /** The evaluations recorded before the divergence. */
  public List<CurvePoint> curveSoFar() {
    return curveSoFar;
  }
}
