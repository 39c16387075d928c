package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.ExactPartition;
import org.ebmbench.model.ExponentialFamily;

/**
 * The exact Kullback-Leibler divergence between two exponential-family models of the same family
 * and shape with exact partition functions: for f = Theta . T(x), KL(p || q) = E_p[log p - log q] =
 * (Theta_p - Theta_q) . E_p[T] - log Z_p + log Z_q, in nats.
 */
public final class ExactKl implements Metric {
  private final EnergyModel truth;
  private final boolean truthFirst;

  private ExactKl(EnergyModel truth, boolean truthFirst) {
    requireExact(truth, "the true model");
    this.truth = truth;
    this.truthFirst = truthFirst;
  }

  /** KL(true || model): the forward divergence, which maximum likelihood minimizes. */
  public static ExactKl fromTruth(EnergyModel truth) {
    return new ExactKl(truth, true);
  }

  /** KL(model || true): the reverse divergence. */
  public static ExactKl toTruth(EnergyModel truth) {
    return new ExactKl(truth, false);
  }

  @Override
  public String name() {
    return truthFirst ? "klTrueToModel" : "klModelToTrue";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    return Measurement.exact(truthFirst ? divergence(truth, model) : divergence(model, truth));
  }

  /**
   * KL(p || q) in nats.
   *
   * @throws IllegalArgumentException if either model lacks an exact partition function or
   *     sufficient statistics, or the two differ in class or shape
   */
  public static double divergence(EnergyModel p, EnergyModel q) {
    ExponentialFamily familyP = requireExact(p, "p");
    ExponentialFamily familyQ = requireExact(q, "q");
    if (p.getClass() != q.getClass()
        || p.dimension() != q.dimension()
        || p.parameterCount() != q.parameterCount()) {
      throw new IllegalArgumentException(
          "exact KL needs two models of the same family and shape, got "
              + p.describe()
              + " ("
              + p.parameterCount()
              + " parameters) and "
              + q.describe()
              + " ("
              + q.parameterCount()
              + " parameters)");
    }
    Ops ops = p.ops();
    int count = p.parameterCount();
    Mat difference = ops.zeros(count, 1);
    Mat expectedStatistics = ops.zeros(count, 1);
    ops.axpby(1.0, familyP.parameters(), -1.0, familyQ.parameters(), difference);
    ((ExactPartition) p).expectedParameterGradient(expectedStatistics);
    ops.multiply(difference, expectedStatistics, difference);
    double logZp = ((ExactPartition) p).logPartition();
    double logZq = ((ExactPartition) q).logPartition();
    return ops.sum(difference) - logZp + logZq;
  }

  private static ExponentialFamily requireExact(EnergyModel model, String role) {
    if (!(model instanceof ExponentialFamily) || !(model instanceof ExactPartition)) {
      throw new IllegalArgumentException(
          "exact KL needs exponential-family models with an exact partition function; "
              + role
              + " = "
              + model.describe()
              + " is not one");
    }
    return (ExponentialFamily) model;
  }
}
