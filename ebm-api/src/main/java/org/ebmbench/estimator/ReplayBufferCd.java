package org.ebmbench.estimator;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;
import org.ebmbench.sampler.Sampler;

/**
 * Short-run contrastive divergence with a replay buffer (Du and Mordatch, "Implicit Generation and
 * Generalization in Energy-Based Models", NeurIPS 2019). On each call, with n the batch size:
 *
 * <ol>
 *   <li>the chains start from the buffer and from noise: round(noiseFraction n) chains (the last
 *       rows) from U[-L, L]^d, the others from buffer rows drawn uniformly with replacement; while
 *       the buffer is empty every chain starts from noise;
 *   <li>the sampler runs K steps (Langevin in the paper);
 *   <li>gradient = mean over chains of grad_Theta f - mean over the batch of grad_Theta f, as in CD;
 *   <li>the buffer keeps the new chain states: it holds the latest {@code capacity} states,
 *       overwriting the oldest first.
 * </ol>
 *
 * The paper uses noiseFraction 0.05 and a buffer of 10000. Its restart count is random (each chain
 * with probability 5%); ours is fixed at the rounded fraction, so the fraction is exact in every
 * step. All draws come from the given stream. Keeps its buffer between calls: one instance per
 * training run.
 */
public final class ReplayBufferCd implements Estimator {
  private final Sampler sampler;
  private final int steps;
  private final int capacity;
  private final double noiseFraction;
  private final double halfWidth;
  private Mat buffer;
  private int filled;
  private int next;
  private Mat chains;

  /**
   * @param steps sampler steps per call, K >= 1
   * @param sampler the chain (Langevin or MALA for the paper's setting)
   * @param capacity the most states the buffer keeps, >= 1
   * @param noiseFraction the share of chains restarted from noise, in [0, 1]
   * @param halfWidth L: noise is uniform on [-L, L]^d, L > 0
   */
  public ReplayBufferCd(
      int steps, Sampler sampler, int capacity, double noiseFraction, double halfWidth) {
    if (steps < 1) {
      throw new IllegalArgumentException("replay-buffer CD needs at least 1 sampler step, got " + steps);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("replay buffer capacity must be >= 1, got " + capacity);
    }
    if (!(noiseFraction >= 0 && noiseFraction <= 1)) {
      throw new IllegalArgumentException(
          "replay-buffer CD noise fraction must be in [0, 1], got " + noiseFraction);
    }
    if (!(halfWidth > 0) || Double.isInfinite(halfWidth)) {
      throw new IllegalArgumentException(
          "replay-buffer CD noise box half width must be positive and finite, got " + halfWidth);
    }
    this.sampler = sampler;
    this.steps = steps;
    this.capacity = capacity;
    this.noiseFraction = noiseFraction;
    this.halfWidth = halfWidth;
  }

  /** For example "replay-cd-20(ula(eps=0.01), buffer=10000, noise=0.05)". */
  @Override
  public String describe() {
    return "replay-cd-" + steps + "(" + sampler.describe() + ", buffer=" + capacity + ", noise="
        + noiseFraction + ")";
  }

  /** How many chains of a batch of {@code n} restart from noise once the buffer is not empty. */
  public int noiseChains(int n) {
    return (int) Math.round(noiseFraction * n);
  }

  /** The number of states in the buffer. */
  public int bufferSize() {
    return filled;
  }

  /** A copy of the buffer's states (bufferSize x d), oldest first. */
  public double[] bufferContents(Ops ops) {
    if (buffer == null) {
      return new double[0];
    }
    double[] all = ops.toHost(buffer);
    int d = buffer.cols();
    double[] out = new double[filled * d];
    int oldest = filled < capacity ? 0 : next;
    for (int r = 0; r < filled; r++) {
      System.arraycopy(all, ((oldest + r) % capacity) * d, out, r * d, d);
    }
    return out;
  }

  /** A copy of the chains as the last call left them (before they entered the buffer). */
  public Mat chains(Ops ops) {
    if (chains == null) {
      throw new IllegalStateException(describe() + " has no chains before its first update");
    }
    Mat copy = ops.zeros(chains.rows(), chains.cols());
    ops.copy(chains, copy);
    return copy;
  }

  @Override
  public void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    Ops ops = model.ops();
    int n = batch.rows();
    int d = batch.cols();
    if (buffer == null) {
      buffer = ops.zeros(capacity, d);
    } else if (buffer.cols() != d) {
      throw new IllegalArgumentException(
          describe() + ": a batch of " + d + " columns does not fit a buffer of " + buffer.cols());
    }
    if (chains == null || chains.rows() != n) {
      chains = ops.zeros(n, d);
    }
    int fromNoise = filled == 0 ? n : noiseChains(n);
    int fromBuffer = n - fromNoise;
    if (fromBuffer > 0) {
      int[] rows = new int[fromBuffer];
      for (int i = 0; i < fromBuffer; i++) {
        rows[i] = stream.nextInt(filled);
      }
      Mat replayed = ops.zeros(fromBuffer, d);
      ops.gatherRows(buffer, rows, replayed);
      ops.copyRange(replayed, 0, chains, 0, fromBuffer * d);
    }
    if (fromNoise > 0) {
      Mat noise = ops.zeros(fromNoise, d);
      ops.uniform(stream, noise);
      ops.affine(noise, 2 * halfWidth, -halfWidth, noise);
      ops.copyRange(noise, 0, chains, fromBuffer * d, fromNoise * d);
    }
    sampler.run(model, chains, steps, stream);
    store(ops, n, d);

    Mat dataMean = ops.zeros(model.parameterCount(), 1);
    model.meanParameterGradient(batch, dataMean);
    model.meanParameterGradient(chains, gradientOut);
    ops.axpby(1.0, gradientOut, -1.0, dataMean, gradientOut);
  }

  /** Appends the chains to the ring buffer; with more chains than capacity, the last ones win. */
  private void store(Ops ops, int n, int d) {
    int first = Math.max(0, n - capacity);
    for (int r = first; r < n; ) {
      int run = Math.min(n - r, capacity - next);
      ops.copyRange(chains, r * d, buffer, next * d, run * d);
      r += run;
      next = (next + run) % capacity;
      filled = Math.min(capacity, filled + run);
    }
  }
}
