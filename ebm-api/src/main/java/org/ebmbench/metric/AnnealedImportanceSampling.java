package org.ebmbench.metric;

import org.ebmbench.data.Dataset;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.random.RandomStream;

/**
 * Annealed importance sampling (Neal 2001) of log Z for a Bernoulli RBM, as Salakhutdinov and
 * Murray (2008) do it. The base model A has no weights, visible biases b_A fitted to the data's
 * unit means (the "base-rate" model) and hidden biases 0; the path is geometric in the joint:
 *
 * <pre>
 *   p_k(v, h) ~ exp((1 - beta_k) v.b_A + beta_k (v.b + h.c + v W h)),
 *               0 = beta_0 <= beta_1 <= ... <= beta_K = 1
 *   log f_k(v) = (1 - beta_k) v.b_A + beta_k v.b + sum_j softplus(beta_k (c_j + (v W)_j))
 *   log Z_0    = nh log 2 + sum_i softplus(b_A,i)
 * </pre>
 *
 * Each of M independent runs draws v_1 from p_0 exactly, then for k = 1 .. K adds log f_k(v_k) -
 * log f_(k-1)(v_k) to its log weight and moves v by one block Gibbs sweep that leaves p_k
 * invariant. The estimate is log Z_0 + log(mean_m w_m); {@link AisEstimate} gives its standard error
 * and the effective sample size that says whether that error bar means anything. The estimate of Z
 * is unbiased, so log Z is underestimated on average (Jensen): a stochastic lower bound, and a
 * likelihood computed from it a stochastic upper bound. Too few temperatures make it worse than the
 * error bar says when all runs miss the same probability mass; {@link
 * #salakhutdinovMurrayTemperatures(int)} is the schedule to use.
 *
 * <p>Every estimate with the same settings draws the same random numbers (a stream derived from the
 * seed), so estimates at different parameters share them: differences along training are less noisy
 * than independent estimates would be.
 */
public final class AnnealedImportanceSampling {
  private final double[] baseBiases;
  private final double[] betas;
  private final int runs;
  private final long seed;

  /**
   * An estimator with base-model visible biases {@code baseBiases} (nv), inverse temperatures
   * {@code betas} (from 0 to 1, non-decreasing) and {@code runs} independent runs.
   *
   * @throws IllegalArgumentException naming the value at fault
   */
  public AnnealedImportanceSampling(double[] baseBiases, double[] betas, int runs, long seed) {
    for (int i = 0; i < baseBiases.length; i++) {
      if (!Double.isFinite(baseBiases[i])) {
        throw new IllegalArgumentException(
            "ais base bias " + i + " must be finite, got " + baseBiases[i]);
      }
    }
    if (betas.length < 2 || betas[0] != 0.0 || betas[betas.length - 1] != 1.0) {
      throw new IllegalArgumentException(
          "ais inverse temperatures must run from 0 to 1, got "
              + betas.length
              + " values"
              + (betas.length > 0 ? " from " + betas[0] + " to " + betas[betas.length - 1] : ""));
    }
    for (int k = 1; k < betas.length; k++) {
      if (!(betas[k] >= betas[k - 1])) {
        throw new IllegalArgumentException(
            "ais inverse temperatures must not decrease, got beta_%d = %s after beta_%d = %s"
                .formatted(k, betas[k], k - 1, betas[k - 1]));
      }
    }
    if (runs < 2) {
      throw new IllegalArgumentException(
          "ais needs at least 2 runs for a standard error, got " + runs);
    }
    this.baseBiases = baseBiases.clone();
    this.betas = betas.clone();
    this.runs = runs;
    this.seed = seed;
  }

  /**
   * The base-rate biases b_A,i = log(p_i / (1 - p_i)) of a data set of 0/1 rows, with p_i the mean
   * of column i smoothed by one pseudo-observation of each value, p_i = (count_i + 1) / (n + 2), so
   * a column that is always 0 or always 1 still gives a finite bias.
   */
  public static double[] baseRateBiases(Dataset data) {
    double[] values = data.values();
    int cols = data.cols();
    double[] counts = new double[cols];
    for (int i = 0; i < values.length; i++) {
      counts[i % cols] += values[i];
    }
    double[] biases = new double[cols];
    for (int i = 0; i < cols; i++) {
      double p = (counts[i] + 1.0) / (data.rows() + 2.0);
      biases[i] = Math.log(p / (1.0 - p));
    }
    return biases;
  }

  /** K + 1 evenly spaced inverse temperatures k / K, k = 0 .. K. */
  public static double[] linearTemperatures(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("ais needs at least 1 temperature step, got " + steps);
    }
    double[] betas = new double[steps + 1];
    for (int k = 0; k <= steps; k++) {
      betas[k] = (double) k / steps;
    }
    betas[steps] = 1.0;
    return betas;
  }

  /**
   * The schedule of Salakhutdinov and Murray (2008) for MNIST: 500 evenly spaced steps on [0, 0.5],
   * 4000 on [0.5, 0.9] and 10000 on [0.9, 1], 14500 steps in all.
   */
  public static double[] salakhutdinovMurrayTemperatures() {
    return salakhutdinovMurrayTemperatures(14_500);
  }

  /**
   * The shape of Salakhutdinov and Murray's schedule with {@code steps} steps: beta is piecewise
   * linear in k / K through (0, 0), (1/29, 0.5), (9/29, 0.9) and (1, 1), so 1/29 of the steps
   * cover [0, 0.5], 8/29 cover [0.5, 0.9] and 20/29 cover [0.9, 1]. With 14500 steps it is their
   * schedule exactly. Spending most steps near beta = 1, where the model's modes are sharp, matters:
   * on a 784x20 RBM part-way through CD-1 training, 1000 linear steps gave log Z 0.66 nats off with
   * a standard error of 0.03 (the runs all missed the same mass), 1000 steps of this shape 0.07
   * nats off with 0.2 (docs/RBM.md).
   */
  public static double[] salakhutdinovMurrayTemperatures(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("ais needs at least 1 temperature step, got " + steps);
    }
    double first = steps / 29.0;
    double second = steps * 9.0 / 29.0;
    double[] betas = new double[steps + 1];
    for (int k = 0; k <= steps; k++) {
      if (k <= first) {
        betas[k] = 0.5 * k / first;
      } else if (k <= second) {
        betas[k] = 0.5 + 0.4 * (k - first) / (second - first);
      } else {
        betas[k] = 0.9 + 0.1 * (k - second) / (steps - second);
      }
    }
    betas[steps] = 1.0;
    return betas;
  }

  /** A short, stable description, for results files. */
  public String describe() {
    return "ais(steps=" + (betas.length - 1) + ",runs=" + runs + ",seed=" + seed + ")";
  }

  /**
   * The estimate of log Z of {@code model} with its standard error; see {@link #estimate} for the
   * diagnostics behind it.
   *
   * @throws IllegalArgumentException if the base biases do not match the visible layer
   */
  public Measurement logPartition(BernoulliRbm model) {
    return estimate(model).measurement();
  }

  /**
   * The estimate of log Z of {@code model} with its standard error and the diagnostics of its
   * weights (effective sample size, spread of the log-weights).
   *
   * @throws IllegalArgumentException if the base biases do not match the visible layer
   */
  public AisEstimate estimate(BernoulliRbm model) {
    return AisEstimate.of(logBase(model), logWeights(model));
  }

  /**
   * log Z_0 of the base model for {@code model}: nh log 2 + sum_i softplus(b_A,i).
   */
  private double logBase(BernoulliRbm model) {
    double logBase = model.hiddenCount() * Math.log(2.0);
    for (double bias : baseBiases) {
      logBase += Math.max(bias, 0.0) + Math.log1p(Math.exp(-Math.abs(bias)));
    }
    return logBase;
  }

  /** The log importance weights log w_m of the M runs, relative to the base model. */
  double[] logWeights(BernoulliRbm model) {
    int nv = model.visibleCount();
    int nh = model.hiddenCount();
    if (baseBiases.length != nv) {
      throw new IllegalArgumentException(
          "ais base biases of length %d do not fit %s"
              .formatted(baseBiases.length, model.describe()));
    }
    Ops ops = model.ops();
    RandomStream stream = RandomStream.derive(seed, "ais");
    Mat w = model.weights();
    Mat c = model.hiddenBias();
    Mat b = model.visibleBias();
    Mat baseRow = ops.fromHost(1, nv, baseBiases);
    // d = b - b_A as a column: (beta_k - beta_(k-1)) v.d is the linear part of each increment.
    Mat difference = ops.zeros(nv, 1);
    ops.copyRange(b, 0, difference, 0, nv);
    ops.axpby(1.0, difference, -1.0, ops.fromHost(nv, 1, baseBiases), difference);

    Mat v = ops.zeros(runs, nv);
    Mat visibleLogits = ops.zeros(runs, nv);
    Mat input = ops.zeros(runs, nh);
    Mat scaled = ops.zeros(runs, nh);
    Mat h = ops.zeros(runs, nh);
    Mat sums = ops.zeros(runs, 1);
    Mat logWeights = ops.zeros(runs, 1);

    // v_1 ~ p_0: independent Bernoulli(sigmoid(b_A)).
    ops.fill(0.0, visibleLogits);
    ops.addRowVector(visibleLogits, baseRow, visibleLogits);
    sampleBernoulli(ops, visibleLogits, stream, v);
    for (int k = 1; k < betas.length; k++) {
      double previous = betas[k - 1];
      double beta = betas[k];
      ops.gemm(1.0, v, false, w, false, 0.0, input);
      ops.addRowVector(input, c, input);
      // log f_k(v) - log f_(k-1)(v)
      //   = (beta - previous) v.d + sum softplus(beta x) - sum softplus(previous x)
      ops.gemm(beta - previous, v, false, difference, false, 1.0, logWeights);
      addSoftplusSum(ops, beta, 1.0, input, scaled, sums, logWeights);
      addSoftplusSum(ops, previous, -1.0, input, scaled, sums, logWeights);
      if (k < betas.length - 1) {
        // One block Gibbs sweep leaving p_k invariant: h ~ sigmoid(beta x), then
        // v ~ sigmoid((1 - beta) b_A + beta (b + h W^T)).
        ops.affine(input, beta, 0.0, scaled);
        sampleBernoulli(ops, scaled, stream, h);
        ops.gemm(beta, h, false, w, true, 0.0, visibleLogits);
        ops.addRowVector(visibleLogits, combinedBias(ops, b, baseRow, beta), visibleLogits);
        sampleBernoulli(ops, visibleLogits, stream, v);
      }
    }
    return ops.toHost(logWeights);
  }

  /**
   * The reverse (RAISE) counterparts of the log Z estimate, one per row of {@code start}: chain i
   * starts at row i as x_K and moves down the path, x_(k-1) ~ T_k(. | x_k) for k = K .. 1 (the
   * block Gibbs sweep at beta_k), and R_i = log Z_0 + sum_(k=0)^(K-1) (log f_(k+1)(x_k) - log
   * f_k(x_k)). Then f(v_i) - R_i is the log of an unbiased estimate of p_ann(v_i), the probability
   * of v_i under the annealing model (draw from the base model, then apply T_1 .. T_K), so it is
   * a stochastic lower bound on log p_ann(v_i) (Burda, Grosse and Salakhutdinov 2015). The
   * random numbers come from their own stream, so they differ from the forward runs'.
   *
   * @throws IllegalArgumentException if the base biases or the rows do not match the visible layer
   */
  public double[] reverseLogPartitions(BernoulliRbm model, Mat start) {
    int nv = model.visibleCount();
    int nh = model.hiddenCount();
    if (baseBiases.length != nv || start.cols() != nv) {
      throw new IllegalArgumentException(
          "ais base biases of length %d and start rows of %d columns do not both fit %s"
              .formatted(baseBiases.length, start.cols(), model.describe()));
    }
    Ops ops = model.ops();
    int chains = start.rows();
    RandomStream stream = RandomStream.derive(seed, "ais-reverse");
    Mat w = model.weights();
    Mat c = model.hiddenBias();
    Mat b = model.visibleBias();
    Mat baseRow = ops.fromHost(1, nv, baseBiases);
    Mat baseColumn = ops.fromHost(nv, 1, baseBiases);
    Mat difference = ops.zeros(nv, 1);
    ops.copyRange(b, 0, difference, 0, nv);
    ops.axpby(1.0, difference, -1.0, baseColumn, difference);

    Mat v = ops.zeros(chains, nv);
    ops.copy(start, v);
    Mat visibleLogits = ops.zeros(chains, nv);
    Mat input = ops.zeros(chains, nh);
    Mat scaled = ops.zeros(chains, nh);
    Mat h = ops.zeros(chains, nh);
    Mat sums = ops.zeros(chains, 1);
    Mat logPartitions = ops.zeros(chains, 1);
    int last = betas.length - 1;
    ops.gemm(1.0, v, false, w, false, 0.0, input);
    ops.addRowVector(input, c, input);
    for (int k = last; k >= 1; k--) {
      double beta = betas[k];
      double below = betas[k - 1];
      // x_(k-1) ~ T_k(. | x_k): h ~ sigmoid(beta x), v ~ sigmoid((1 - beta) b_A + beta (b + h W^T)).
      ops.affine(input, beta, 0.0, scaled);
      sampleBernoulli(ops, scaled, stream, h);
      ops.gemm(beta, h, false, w, true, 0.0, visibleLogits);
      ops.addRowVector(visibleLogits, combinedBias(ops, b, baseRow, beta), visibleLogits);
      sampleBernoulli(ops, visibleLogits, stream, v);
      ops.gemm(1.0, v, false, w, false, 0.0, input);
      ops.addRowVector(input, c, input);
      // log f_k(x_(k-1)) - log f_(k-1)(x_(k-1)), as in the forward runs.
      ops.gemm(beta - below, v, false, difference, false, 1.0, logPartitions);
      addSoftplusSum(ops, beta, 1.0, input, scaled, sums, logPartitions);
      addSoftplusSum(ops, below, -1.0, input, scaled, sums, logPartitions);
    }
    double[] values = ops.toHost(logPartitions);
    double logBase = logBase(model);
    for (int i = 0; i < chains; i++) {
      values[i] += logBase;
    }
    return values;
  }

  /** {@code target += sign * rowSums(softplus(beta * input))}, with scratch matrices. */
  private static void addSoftplusSum(
      Ops ops, double beta, double sign, Mat input, Mat scaled, Mat sums, Mat target) {
    ops.affine(input, beta, 0.0, scaled);
    ops.softplusRowSums(scaled, sums);
    ops.axpby(1.0, target, sign, sums, target);
  }

  /** (1 - beta) b_A + beta b, as a row. */
  private static Mat combinedBias(Ops ops, Mat b, Mat baseRow, double beta) {
    Mat row = ops.zeros(1, b.cols());
    ops.axpby(beta, b, 1.0 - beta, baseRow, row);
    return row;
  }

  /** Bernoulli(sigmoid(logit)) draws into {@code out}. */
  private static void sampleBernoulli(Ops ops, Mat logits, RandomStream stream, Mat out) {
    ops.map(UnaryFunction.SIGMOID, logits, out);
    ops.bernoulli(stream, out, out);
  }
}
