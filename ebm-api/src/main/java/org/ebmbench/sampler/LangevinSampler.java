package org.ebmbench.sampler;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.DifferentiableInX;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;

/**
 * The unadjusted Langevin algorithm (ULA): x' = x + eps grad f(x) + sqrt(2 eps) xi, xi ~ N(0, I),
 * with no accept/reject step. Its stationary law differs from P by O(eps); {@link MalaSampler}
 * removes that bias.
 */
public final class LangevinSampler implements Sampler {
  private final double stepSize;

  /** A sampler with step size {@code stepSize} (eps above). */
  public LangevinSampler(double stepSize) {
    this.stepSize = requirePositive(stepSize, "ula");
  }

  static double requirePositive(double stepSize, String sampler) {
    if (!(stepSize > 0.0) || Double.isInfinite(stepSize)) {
      throw new IllegalArgumentException(
          sampler + " step size eps must be positive and finite, got " + stepSize);
    }
    return stepSize;
  }

  @Override
  public String describe() {
    return "ula(eps=" + stepSize + ")";
  }

  @Override
  public void step(EnergyModel model, Mat states, RandomStream stream) {
    run(model, states, 1, stream);
  }

  @Override
  public void run(EnergyModel model, Mat states, int steps, RandomStream stream) {
    DifferentiableInX differentiable =
        Capabilities.require(model, DifferentiableInX.class, describe());
    Capabilities.requireRowsOf(model, states, describe() + ": chain states");
    Ops ops = model.ops();
    Mat gradient = ops.zeros(states.rows(), states.cols());
    Mat noise = ops.zeros(states.rows(), states.cols());
    double noiseScale = Math.sqrt(2.0 * stepSize);
    for (int s = 0; s < steps; s++) {
      differentiable.gradientX(states, gradient);
      ops.gaussian(stream, noise);
      ops.axpby(1.0, states, stepSize, gradient, states);
      ops.axpby(1.0, states, noiseScale, noise, states);
    }
  }
}
