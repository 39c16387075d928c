package org.ebmbench.crf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ebmbench.data.InvalidDataException;
import org.ebmbench.optim.DifferentiableFunction;

/**
 * The penalized negative conditional log-likelihood of a chain CRF on a training set, to be
 * minimized: F(w) = -sum_n log P(y_n | x_n; w) + (l2 / 2) ||w||^2 (all parameters penalized).
 *
 * <p>The sequences are split into a fixed number of contiguous blocks of about equal token counts;
 * each block accumulates its own log-likelihood and gradient, and the blocks are summed in block
 * order. The split depends only on the data and {@code blocks}, never on {@code threads}, so any
 * thread count gives bit-identical values and gradients. Each block holds a gradient buffer of the
 * parameter count, so memory grows with {@code blocks}; a few blocks per core suffice.
 */
public final class ChainObjective implements DifferentiableFunction, AutoCloseable {
  private final int numAttributes;
  private final int numLabels;
  private final double l2;
  private final List<List<LabeledSequence>> blocks;
  private final double[][] blockGradients;
  private final ChainLikelihoodKernel kernel;
  private final ExecutorService pool;

  /**
   * @param data the training sequences (attribute ids below numAttributes, labels below numLabels)
   * @param l2 the L2 coefficient, >= 0
   * @param blocks the number of blocks, >= 1 (fixes the summation order)
   * @param threads the number of worker threads, >= 1 (1 runs on the calling thread)
   */
  public ChainObjective(
      int numAttributes,
      int numLabels,
      List<LabeledSequence> data,
      double l2,
      int blocks,
      int threads,
      ChainLikelihoodKernel kernel) {
    if (!(l2 >= 0) || blocks < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "chain objective: needs l2 >= 0, blocks >= 1, threads >= 1, got l2 = "
              + l2
              + ", blocks = "
              + blocks
              + ", threads = "
              + threads);
    }
    if (data.isEmpty()) {
      throw new InvalidDataException("chain objective: no training sequences");
    }
    this.numAttributes = numAttributes;
    this.numLabels = numLabels;
    this.l2 = l2;
    this.kernel = kernel;
    this.blocks = split(data, blocks);
    int dimension = ChainCrf.parameterCount(numAttributes, numLabels);
    this.blockGradients = new double[this.blocks.size()][dimension];
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemonThreads());
  }

  /** Contiguous blocks of about total / blocks tokens each (fewer blocks if there are few data). */
  private static List<List<LabeledSequence>> split(List<LabeledSequence> data, int blocks) {
    long total = 0;
    for (LabeledSequence s : data) {
      total += s.x().length();
    }
    List<List<LabeledSequence>> result = new ArrayList<>();
    int from = 0;
    long seen = 0;
    for (int b = 1; b <= blocks && from < data.size(); b++) {
      long target = total * b / blocks;
      int to = from;
      while (to < data.size() && (seen < target || to == from)) {
        seen += data.get(to).x().length();
        to++;
      }
      if (b == blocks) {
        to = data.size();
      }
      result.add(List.copyOf(data.subList(from, to)));
      from = to;
    }
    return result;
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "crf-objective");
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public int dimension() {
    return ChainCrf.parameterCount(numAttributes, numLabels);
  }

  /** The number of blocks actually used (at most the requested number). */
  public int blockCount() {
    return blocks.size();
  }

  @Override
  public double valueAndGradient(double[] x, double[] gradient) {
    if (x.length != dimension() || gradient.length != dimension()) {
      throw new IllegalArgumentException(
          "chain objective: x has length "
              + x.length
              + " and gradient "
              + gradient.length
              + ", expected "
              + dimension());
    }
    ChainCrf model = ChainCrf.view(numAttributes, numLabels, x);
    double[] logLikelihoods = new double[blocks.size()];
    if (pool == null) {
      for (int b = 0; b < blocks.size(); b++) {
        logLikelihoods[b] = runBlock(model, b);
      }
    } else {
      List<Future<Double>> futures = new ArrayList<>();
      for (int b = 0; b < blocks.size(); b++) {
        int block = b;
        futures.add(pool.submit(() -> runBlock(model, block)));
      }
      for (int b = 0; b < blocks.size(); b++) {
        logLikelihoods[b] = await(futures.get(b));
      }
    }
    double value = 0;
    for (int k = 0; k < x.length; k++) {
      value += 0.5 * l2 * x[k] * x[k];
      gradient[k] = l2 * x[k];
    }
    for (int b = 0; b < blocks.size(); b++) {
      value -= logLikelihoods[b];
      double[] blockGradient = blockGradients[b];
      for (int k = 0; k < gradient.length; k++) {
        gradient[k] -= blockGradient[k];
      }
    }
    return value;
  }

  private double runBlock(ChainCrf model, int block) {
    double[] blockGradient = blockGradients[block];
    Arrays.fill(blockGradient, 0);
    return kernel.addLogLikelihoodGradient(model, blocks.get(block), blockGradient);
  }

  private static double await(Future<Double> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("chain objective: interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("chain objective: block failed", cause);
    }
  }

  /** Stops the worker threads. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
