package org.ebmbench.sampler;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.DifferentiableInX;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;

/**
 * The Metropolis-adjusted Langevin algorithm: the Langevin proposal, accepted with the
 * Metropolis-Hastings correction, so P is exactly invariant:
 *
 * <pre>
 *   x' = x + eps grad f(x) + sqrt(2 eps) xi,   xi ~ N(0, I)
 *   accept when log u &lt; f(x') - f(x) + log q(x | x') - log q(x' | x)
 *   log q(b | a) = -|b - a - eps grad f(a)|^2 / (4 eps)   (constants cancel)
 * </pre>
 *
 * <p>Within one {@link #run}, f and grad f of the current states are carried along, so each step
 * evaluates them once. Holds the last step's acceptance rate: use one instance per training run.
 */
public final class MalaSampler implements Sampler, ReportsAcceptance {
  private final double stepSize;
  private double lastAcceptanceRate = Double.NaN;

  /** A sampler with step size {@code stepSize} (eps above). */
  public MalaSampler(double stepSize) {
    this.stepSize = LangevinSampler.requirePositive(stepSize, "mala");
  }

  @Override
  public String describe() {
    return "mala(eps=" + stepSize + ")";
  }

  @Override
  public double lastAcceptanceRate() {
    return lastAcceptanceRate;
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
    int n = states.rows();
    int d = states.cols();
    Mat logDensity = ops.zeros(n, 1);
    Mat gradient = ops.zeros(n, d);
    Mat candidate = ops.zeros(n, d);
    Mat candidateLogDensity = ops.zeros(n, 1);
    Mat candidateGradient = ops.zeros(n, d);
    Mat noise = ops.zeros(n, d);
    Mat residual = ops.zeros(n, d);
    Mat forward = ops.zeros(n, 1);
    Mat reverse = ops.zeros(n, 1);
    Mat logRatio = ops.zeros(n, 1);
    MetropolisAcceptance acceptance = new MetropolisAcceptance(ops, n);
    double noiseScale = Math.sqrt(2.0 * stepSize);

    model.logDensityUnnormalized(states, logDensity);
    differentiable.gradientX(states, gradient);
    for (int s = 0; s < steps; s++) {
      ops.gaussian(stream, noise);
      ops.axpby(1.0, states, stepSize, gradient, candidate);
      ops.axpby(1.0, candidate, noiseScale, noise, candidate);
      model.logDensityUnnormalized(candidate, candidateLogDensity);
      differentiable.gradientX(candidate, candidateGradient);

      // log q(x'|x) = -|sqrt(2 eps) xi|^2 / (4 eps) = -|xi|^2 / 2, exactly from the draw.
      ops.map(UnaryFunction.SQUARE, noise, residual);
      ops.rowSums(residual, forward);
      // log q(x|x') = -|x - x' - eps grad f(x')|^2 / (4 eps).
      ops.axpby(1.0, states, -1.0, candidate, residual);
      ops.axpby(1.0, residual, -stepSize, candidateGradient, residual);
      ops.map(UnaryFunction.SQUARE, residual, residual);
      ops.rowSums(residual, reverse);

      ops.axpby(1.0, candidateLogDensity, -1.0, logDensity, logRatio);
      ops.axpby(1.0, logRatio, -1.0 / (4.0 * stepSize), reverse, logRatio);
      ops.axpby(1.0, logRatio, 0.5, forward, logRatio);

      lastAcceptanceRate = acceptance.decide(logRatio, stream);
      acceptance.keepAccepted(states, candidate);
      acceptance.keepAccepted(logDensity, candidateLogDensity);
      acceptance.keepAccepted(gradient, candidateGradient);
    }
  }
}
