package org.ebmbench.sampler;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.model.Domain;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;

/**
 * Random-walk Metropolis-Hastings with a symmetric proposal chosen by the model's domain:
 *
 * <ul>
 *   <li>continuous: x' = x + sigma * xi with xi ~ N(0, I);
 *   <li>spins and binary: each site flipped independently with probability 1/n (n sites).
 * </ul>
 *
 * Chain i moves to x' when log u &lt; f(x') - f(x). Within one {@link #run} f of the current states
 * is computed once and then carried along, so each step costs one evaluation of f. Holds the last
 * step's acceptance rate: use one instance per training run.
 */
public final class MetropolisHastings implements Sampler, ReportsAcceptance {
  private final double stepSize;
  private double lastAcceptanceRate = Double.NaN;

  /** A sampler for discrete models only (site flips); continuous models need a step size. */
  public MetropolisHastings() {
    this.stepSize = Double.NaN;
  }

  /**
   * A sampler whose continuous proposals have standard deviation {@code stepSize} per coordinate
   * (discrete models still use site flips).
   */
  public MetropolisHastings(double stepSize) {
    if (!(stepSize > 0.0) || Double.isInfinite(stepSize)) {
      throw new IllegalArgumentException(
          "mh step size sigma must be positive and finite, got " + stepSize);
    }
    this.stepSize = stepSize;
  }

  @Override
  public String describe() {
    return Double.isNaN(stepSize) ? "mh" : "mh(sigma=" + stepSize + ")";
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
    Capabilities.requireRowsOf(model, states, describe() + ": chain states");
    if (model.domain() == Domain.CONTINUOUS && Double.isNaN(stepSize)) {
      throw new IllegalArgumentException(
          "mh without a step size cannot sample the continuous model "
              + model.describe()
              + "; give sigma");
    }
    Ops ops = model.ops();
    int n = states.rows();
    int d = states.cols();
    Mat logDensity = ops.zeros(n, 1);
    Mat candidate = ops.zeros(n, d);
    Mat candidateLogDensity = ops.zeros(n, 1);
    Mat logRatio = ops.zeros(n, 1);
    Mat noise = ops.zeros(n, d);
    MetropolisAcceptance acceptance = new MetropolisAcceptance(ops, n);
    model.logDensityUnnormalized(states, logDensity);
    for (int s = 0; s < steps; s++) {
      propose(ops, model.domain(), states, noise, stream, candidate);
      model.logDensityUnnormalized(candidate, candidateLogDensity);
      ops.axpby(1.0, candidateLogDensity, -1.0, logDensity, logRatio);
      lastAcceptanceRate = acceptance.decide(logRatio, stream);
      acceptance.keepAccepted(states, candidate);
      acceptance.keepAccepted(logDensity, candidateLogDensity);
    }
  }

  /** Writes a symmetric proposal from {@code states} into {@code candidate}. */
  private void propose(
      Ops ops, Domain domain, Mat states, Mat noise, RandomStream stream, Mat candidate) {
    if (domain == Domain.CONTINUOUS) {
      ops.gaussian(stream, noise);
      ops.axpby(1.0, states, stepSize, noise, candidate);
      return;
    }
    // noise becomes the flip mask: 1 where a site flips, with probability 1/n each.
    ops.uniform(stream, noise);
    ops.lessThan(noise, 1.0 / states.cols(), noise);
    if (domain == Domain.SPINS) {
      ops.affine(noise, -2.0, 1.0, noise); // -1 flips a spin, +1 keeps it
      ops.multiply(states, noise, candidate);
    } else {
      ops.axpby(1.0, states, -1.0, noise, candidate); // |x - m| flips bit x where m = 1
      ops.map(UnaryFunction.ABS, candidate, candidate);
    }
  }
}
