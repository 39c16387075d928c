package org.ebmbench.estimator;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.ContrastiveGradient;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.GibbsSampler;
import org.ebmbench.sampler.Sampler;

/**
 * Contrastive divergence over any {@link Sampler}: the MLE gradient with the model expectation
 * replaced by a mean over Markov chains run k steps, gradient = mean over chains of df/dTheta -
 * mean over the batch of df/dTheta.
 *
 * <ul>
 *   <li>CD-k ({@link #cd}): the chains start at the batch on every call.
 *   <li>Persistent CD-k ({@link #persistent}): the chains start at the first batch (so their number
 *       is that batch's size) and then carry on from where the previous call left them, never
 *       restarted.
 * </ul>
 *
 * Keeps its chains between calls: use one instance per training run.
 */
public final class ContrastiveDivergence implements Estimator {
  private final Sampler sampler;
  private final int steps;
  private final boolean persistent;
  private Ops ops;
  private Mat chains;

  private ContrastiveDivergence(Sampler sampler, int steps, boolean persistent) {
    if (steps < 1) {
      throw new IllegalArgumentException(
          "contrastive divergence needs at least 1 sampler step per update, got " + steps);
    }
    this.sampler = sampler;
    this.steps = steps;
    this.persistent = persistent;
  }

  /** CD-k: chains restart at the batch on every call. */
  public static ContrastiveDivergence cd(int steps, Sampler sampler) {
    return new ContrastiveDivergence(sampler, steps, false);
  }

  /** Persistent CD-k: chains start at the first batch and persist across calls. */
  public static ContrastiveDivergence persistent(int steps, Sampler sampler) {
    return new ContrastiveDivergence(sampler, steps, true);
  }

  /** For example "cd-10(gibbs)" or "pcd-1(mala(eps=0.01))". */
  @Override
  public String describe() {
    return (persistent ? "pcd-" : "cd-") + steps + "(" + sampler.describe() + ")";
  }

  /** The sampler that advances the chains. */
  public Sampler sampler() {
    return sampler;
  }

  /** Whether the chains persist across calls. */
  public boolean isPersistent() {
    return persistent;
  }

  /**
   * A copy of the chains as the last call left them (one chain per row).
   *
   * @throws IllegalStateException before the first call
   */
  public Mat chains() {
    if (chains == null) {
      throw new IllegalStateException(describe() + " has no chains before its first update");
    }
    Mat copy = ops.zeros(chains.rows(), chains.cols());
    ops.copy(chains, copy);
    return copy;
  }

  /**
   * {@inheritDoc}
   *
   * <p>CD with the Gibbs sampler on a {@link ContrastiveGradient} model lets the model do the whole
   * update (same draws, same result, less work).
   */
  @Override
  public void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    ops = model.ops();
    if (chains == null || !persistent) {
      if (chains == null || chains.rows() != batch.rows() || chains.cols() != batch.cols()) {
        chains = ops.zeros(batch.rows(), batch.cols());
      }
      ops.copy(batch, chains);
    } else if (chains.cols() != batch.cols()) {
      throw new IllegalArgumentException(
          describe()
              + ": a batch of "
              + batch.cols()
              + " columns does not fit chains of "
              + chains.cols()
              + " columns");
    }
    if (!persistent
        && model instanceof ContrastiveGradient shortcut
        && sampler instanceof GibbsSampler) {
      shortcut.contrastiveGradient(batch, chains, steps, stream, gradientOut);
      return;
    }
    sampler.run(model, chains, steps, stream);
    model.meanParameterGradient(chains, gradientOut);
    model.addMeanParameterGradient(batch, -1.0, gradientOut);
  }
}
