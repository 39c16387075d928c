package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;

/**
 * The Gaussian-Bernoulli restricted Boltzmann machine, in the parametrization of Cho, Ilin and
 * Raiko (2011): real visible units v in R^nv with variances sigma_i^2, binary hidden units h in
 * {0, 1}^nh, and energy
 *
 * <pre>
 *   E(v, h) = sum_i (v_i - b_i)^2 / (2 sigma_i^2) - sum_ij (v_i / sigma_i^2) W_ij h_j - h.c
 *   f(v)    = -sum_i (v_i - b_i)^2 / (2 sigma_i^2) + sum_j softplus(c_j + ((v / sigma^2) W)_j)
 * </pre>
 *
 * so that P(v | h) = N(b + W h, diag(sigma^2)) and P(h_j = 1 | v) = sigmoid(c_j + ((v / sigma^2)
 * W)_j). With unit variances sigma = 1 is fixed; with learned variances each z_i = log sigma_i^2 is
 * a parameter (the log keeps sigma positive under any gradient step).
 *
 * <p>Parameters Theta = (W row-major nv x nh, b, c), then z when the variances are learned. log Z
 * is exact by enumerating the hidden layer (at most 2^{@value BernoulliRbm#MAX_ENUMERATED_UNITS}
 * states) with the Gaussian integral over v done in closed form: with m = b + W h,
 *
 * <pre>
 *   log Z = sum_i log(2 pi sigma_i^2) / 2 + log sum_h exp(g(h)),
 *   g(h)  = h.c + sum_i (m_i^2 - b_i^2) / (2 sigma_i^2).
 * </pre>
 *
 * The model is normalizable for every finite Theta. Not thread-safe.
 */
public final class GaussianBernoulliRbm
    implements ExactPartition, GibbsUpdatable, Reconstructing {
  private final Ops ops;
  private final int nv;
  private final int nh;
  private final boolean learnedVariance;
  private final Mat theta;
  private final ParameterKeyedCache<Enumeration> enumerationCache = new ParameterKeyedCache<>();

  private GaussianBernoulliRbm(
      Ops ops, int nv, int nh, boolean learnedVariance, double[] theta) {
    this.ops = ops;
    this.nv = nv;
    this.nh = nh;
    this.learnedVariance = learnedVariance;
    this.theta = ops.fromHost(theta.length, 1, theta);
  }

  // ---- factories -------------------------------------------------------------------------------

  /**
   * A model with weights {@code w} (nv x nh), visible means {@code b} (nv), hidden biases {@code
   * c} (nh) and, if {@code logVariances} is not null, learned log-variances z_i = log sigma_i^2
   * (nv); with null the variances are fixed at 1.
   *
   * @throws IllegalArgumentException if the sizes disagree or a value is not finite
   */
  public static GaussianBernoulliRbm of(
      Ops ops, double[][] w, double[] b, double[] c, double[] logVariances) {
    int nv = b.length;
    int nh = c.length;
    requireUnits(nv, nh);
    boolean learned = logVariances != null;
    double[] theta = new double[parameterCount(nv, nh, learned)];
    if (w.length != nv) {
      throw new IllegalArgumentException(
          "gbrbm weights must have %d rows to match %d visible means, got %d"
              .formatted(nv, nv, w.length));
    }
    for (int i = 0; i < nv; i++) {
      if (w[i].length != nh) {
        throw new IllegalArgumentException(
            "gbrbm weights must have %d columns to match %d hidden biases, got row %d of length %d"
                .formatted(nh, nh, i, w[i].length));
      }
      for (int j = 0; j < nh; j++) {
        theta[i * nh + j] = requireFinite(w[i][j], "weight W[" + i + "][" + j + "]");
      }
      theta[nv * nh + i] = requireFinite(b[i], "visible mean b[" + i + "]");
    }
    for (int j = 0; j < nh; j++) {
      theta[nv * nh + nv + j] = requireFinite(c[j], "hidden bias c[" + j + "]");
    }
    if (learned) {
      if (logVariances.length != nv) {
        throw new IllegalArgumentException(
            "gbrbm log-variances must have %d entries to match %d visible means, got %d"
                .formatted(nv, nv, logVariances.length));
      }
      for (int i = 0; i < nv; i++) {
        theta[nv * nh + nv + nh + i] = requireFinite(logVariances[i], "log-variance z[" + i + "]");
      }
    }
    return new GaussianBernoulliRbm(ops, nv, nh, learned, theta);
  }

  /**
   * A random model with W_ij ~ N(0, weightSd^2), b_i and c_j ~ N(0, biasSd^2) and, when the
   * variances are learned, z_i = 0 (unit variances to start), drawn on the host in parameter order.
   */
  public static GaussianBernoulliRbm random(
      Ops ops,
      int nv,
      int nh,
      boolean learnedVariance,
      double weightSd,
      double biasSd,
      RandomStream stream) {
    requireUnits(nv, nh);
    double[] theta = new double[parameterCount(nv, nh, learnedVariance)];
    for (int k = 0; k < nv * nh + nv + nh; k++) {
      theta[k] = (k < nv * nh ? weightSd : biasSd) * stream.nextGaussian();
    }
    return new GaussianBernoulliRbm(ops, nv, nh, learnedVariance, theta);
  }

  /** nv nh weights, nv means, nh hidden biases, and nv log-variances when they are learned. */
  public static int parameterCount(int nv, int nh, boolean learnedVariance) {
    return nv * nh + nv + nh + (learnedVariance ? nv : 0);
  }

  // ---- the model -------------------------------------------------------------------------------

  @Override
  public String describe() {
    return "gbrbm(nv=" + nv + ",nh=" + nh + (learnedVariance ? ",learnedVariance" : "") + ")";
  }

  @Override
  public Ops ops() {
    return ops;
  }

  @Override
  public Domain domain() {
    return Domain.CONTINUOUS;
  }

  @Override
  public int dimension() {
    return nv;
  }

  /** The number of visible units, nv. */
  public int visibleCount() {
    return nv;
  }

  /** The number of hidden units, nh. */
  public int hiddenCount() {
    return nh;
  }

  /** Whether the log-variances z are parameters (else every sigma_i is 1). */
  public boolean learnsVariance() {
    return learnedVariance;
  }

  @Override
  public int parameterCount() {
    return theta.rows();
  }

  @Override
  public Mat parameters() {
    return theta;
  }

  /** The parameters as a new host array. */
  public double[] parameterValues() {
    return ops.toHost(theta);
  }

  /** W as a new nv x nh engine matrix. */
  public Mat weights() {
    Mat w = ops.zeros(nv, nh);
    ops.copyRange(theta, 0, w, 0, nv * nh);
    return w;
  }

  /** The precisions 1 / sigma_i^2 = exp(-z_i) as a new 1 x nv engine row (ones when fixed). */
  public Mat precisions() {
    Mat s = ops.zeros(1, nv);
    if (learnedVariance) {
      ops.copyRange(theta, nv * nh + nv + nh, s, 0, nv);
      ops.map(UnaryFunction.EXP, s, s);
      ops.map(UnaryFunction.RECIPROCAL, s, s);
    } else {
      ops.fill(1.0, s);
    }
    return s;
  }

  @Override
  public void logDensityUnnormalized(Mat x, Mat out) {
    requireVisible(x, "visible states");
    Layers l = new Layers();
    Mat pre = ops.zeros(x.rows(), nh);
    l.hiddenInput(x, pre);
    ops.softplusRowSums(pre, out);
    // - sum_i (v_i - b_i)^2 s_i / 2
    Mat centered = ops.zeros(x.rows(), nv);
    l.centered(x, centered);
    ops.map(UnaryFunction.SQUARE, centered, centered);
    ops.gemm(-0.5, centered, false, l.precisionColumn(), false, 1.0, out);
  }

  /**
   * The data term of the likelihood gradient, the mean over rows of d f / d Theta with q =
   * P(h = 1 | v) and s = 1 / sigma^2: (v s)^T q for W, (v - b) s for b, q for c, and s ((v -
   * b)^2 / 2 - v (W q)) for z.
   */
  @Override
  public void meanParameterGradient(Mat x, Mat out) {
    requireVisible(x, "visible states");
    int n = x.rows();
    Layers l = new Layers();
    Mat q = ops.zeros(n, nh);
    l.hiddenInput(x, q);
    ops.map(UnaryFunction.SIGMOID, q, q);
    Mat scaled = ops.zeros(n, nv);
    l.scaleColumns(x, l.s, scaled);
    Mat block = ops.zeros(nv, nh);
    ops.gemm(1.0 / n, scaled, true, q, false, 0.0, block);
    ops.copyRange(block, 0, out, 0, nv * nh);
    Mat centered = ops.zeros(n, nv);
    l.centered(x, centered);
    Mat ones = ops.zeros(n, 1);
    ops.fill(1.0 / n, ones);
    Mat visibleMeans = ops.zeros(nv, 1);
    Mat weightedCentered = ops.zeros(n, nv);
    l.scaleColumns(centered, l.s, weightedCentered);
    ops.gemm(1.0, weightedCentered, true, ones, false, 0.0, visibleMeans);
    ops.copyRange(visibleMeans, 0, out, nv * nh, nv);
    Mat hiddenMeans = ops.zeros(nh, 1);
    ops.gemm(1.0, q, true, ones, false, 0.0, hiddenMeans);
    ops.copyRange(hiddenMeans, 0, out, nv * nh + nv, nh);
    if (learnedVariance) {
      // s ((v - b)^2 / 2 - v (W q)), as (centered^2 / 2 - v * (q W^T)) scaled by s.
      Mat feedback = ops.zeros(n, nv);
      ops.gemm(1.0, q, false, l.w, true, 0.0, feedback);
      ops.multiply(x, feedback, feedback);
      ops.map(UnaryFunction.SQUARE, centered, centered);
      ops.axpby(0.5, centered, -1.0, feedback, feedback);
      l.scaleColumns(feedback, l.s, feedback);
      ops.gemm(1.0, feedback, true, ones, false, 0.0, visibleMeans);
      ops.copyRange(visibleMeans, 0, out, nv * nh + nv + nh, nv);
    }
  }

  /** P(h_j = 1 | v) = sigmoid(c_j + ((v / sigma^2) W)_j) for each row of {@code v}, into out. */
  public void hiddenProbabilities(Mat v, Mat out) {
    requireVisible(v, "visible states");
    new Layers().hiddenInput(v, out);
    ops.map(UnaryFunction.SIGMOID, out, out);
  }

  /** E[v | h] = b + W h for each row of {@code h} (n x nh), into {@code out} (n x nv). */
  public void visibleMeans(Mat h, Mat out) {
    if (h.cols() != nh) {
      throw new IllegalArgumentException(
          "%s needs hidden states with %d columns, got %d x %d"
              .formatted(describe(), nh, h.rows(), h.cols()));
    }
    new Layers().visibleMean(h, out);
  }

  /** b + W q with q = P(h = 1 | v): the mean of v given the hidden means. */
  @Override
  public void reconstruct(Mat v, Mat out) {
    Mat q = ops.zeros(v.rows(), nh);
    hiddenProbabilities(v, q);
    visibleMeans(q, out);
  }

  @Override
  public GaussianBernoulliRbm copy() {
    return new GaussianBernoulliRbm(ops, nv, nh, learnedVariance, parameterValues());
  }

  // ---- Gibbs sampling --------------------------------------------------------------------------

  /**
   * One block Gibbs sweep on every chain: h ~ P(h | v) (an n x nh matrix of uniforms), then v ~
   * N(b + W h, sigma^2) (an n x nv matrix of standard normals), from {@code stream}.
   */
  @Override
  public void gibbsSweep(Mat states, RandomStream stream) {
    requireVisible(states, "chain states");
    int chains = states.rows();
    Layers l = new Layers();
    Mat h = ops.zeros(chains, nh);
    l.hiddenInput(states, h);
    ops.map(UnaryFunction.SIGMOID, h, h);
    ops.bernoulli(stream, h, h);
    Mat noise = ops.zeros(chains, nv);
    ops.gaussian(stream, noise);
    Mat sd = ops.zeros(1, nv);
    ops.map(UnaryFunction.RECIPROCAL, l.s, sd);
    ops.map(UnaryFunction.SQRT, sd, sd);
    l.scaleColumns(noise, sd, noise);
    l.visibleMean(h, states);
    ops.axpby(1.0, states, 1.0, noise, states);
  }

  // ---- exact partition function ----------------------------------------------------------------

  /**
   * log Z by enumerating the hidden layer, the visible one integrated in closed form.
   *
   * @throws IllegalArgumentException if the hidden layer has more than {@value
   *     BernoulliRbm#MAX_ENUMERATED_UNITS} units
   */
  @Override
  public double logPartition() {
    return enumeration().logZ;
  }

  /**
   * E[d f / d Theta], the gradient of log Z: with m = b + W h and s = 1 / sigma^2, E_h[s m h^T]
   * for W, s E_h[m - b] for b, E_h[h] for c, and 1/2 - s (E_h[m^2] - b^2) / 2 for z, under the
   * hidden marginal P(h) proportional to exp(g(h)).
   */
  @Override
  public void expectedParameterGradient(Mat out) {
    ops.copy(enumeration().gradient, out);
  }

  private Enumeration enumeration() {
    if (nh > BernoulliRbm.MAX_ENUMERATED_UNITS) {
      throw new IllegalArgumentException(
          "%s is too large to enumerate exactly: its hidden layer has %d units (2^%d states;"
                  .formatted(describe(), nh, nh)
              + " the limit is " + BernoulliRbm.MAX_ENUMERATED_UNITS + " units)");
    }
    return enumerationCache.get(parameterValues(), t -> new Enumeration().run());
  }

  /**
   * One streamed pass over the 2^nh hidden states in chunks, with a running shift (the largest g so
   * far) keeping exp finite; sums are rescaled whenever the shift grows.
   */
  private final class Enumeration {
    private final Layers l = new Layers();
    private final Mat halfPrecisions = ops.zeros(nv, 1);
    private final Mat meanHidden = ops.zeros(nv, nh);
    private final Mat meanSums = ops.zeros(nv, 1);
    private final Mat squareSums = ops.zeros(nv, 1);
    private final Mat hiddenSums = ops.zeros(nh, 1);
    private double constant;
    private double shift = Double.NEGATIVE_INFINITY;
    private double mass;
    private double logZ;
    private Mat gradient;

    Enumeration run() {
      ops.affine(l.precisionColumn(), 0.5, 0.0, halfPrecisions);
      // -sum_i b_i^2 s_i / 2, the part of g that does not depend on h.
      Mat bSquared = ops.zeros(1, nv);
      ops.map(UnaryFunction.SQUARE, l.b, bSquared);
      Mat scalar = ops.zeros(1, 1);
      ops.gemm(-1.0, bSquared, false, halfPrecisions, false, 0.0, scalar);
      constant = ops.toHost(scalar)[0];

      long states = 1L << nh;
      int chunkRows =
          (int)
              Math.min(
                  states,
                  Math.max(
                      1, Math.min(BernoulliRbm.MAX_CHUNK_ROWS, BernoulliRbm.CHUNK_ELEMENTS / nv)));
      Chunk full = new Chunk(chunkRows);
      for (long first = 0; first < states; first += chunkRows) {
        int rows = (int) Math.min(chunkRows, states - first);
        accumulate(rows == chunkRows ? full : new Chunk(rows), first);
      }
      double logSum = shift + Math.log(mass);
      double[] s = ops.toHost(l.s);
      double logGaussians = 0.0;
      for (double precision : s) {
        logGaussians += 0.5 * Math.log(2.0 * Math.PI / precision);
      }
      logZ = logGaussians + logSum;
      writeGradient();
      return this;
    }

    private void accumulate(Chunk chunk, long first) {
      ops.binaryStates(first, 0.0, 1.0, chunk.hidden);
      l.visibleMean(chunk.hidden, chunk.means);
      ops.map(UnaryFunction.SQUARE, chunk.means, chunk.squares);
      // g(h) = h.c + sum_i m_i^2 s_i / 2 + constant
      ops.gemm(1.0, chunk.squares, false, halfPrecisions, false, 0.0, chunk.g);
      ops.gemm(1.0, chunk.hidden, false, l.cColumn, false, 1.0, chunk.g);
      ops.affine(chunk.g, 1.0, constant, chunk.g);
      double chunkMax = ops.max(chunk.g);
      if (chunkMax > shift) {
        double rescale = Math.exp(shift - chunkMax);
        mass *= rescale;
        for (Mat sums : new Mat[] {meanHidden, meanSums, squareSums, hiddenSums}) {
          ops.affine(sums, rescale, 0.0, sums);
        }
        shift = chunkMax;
      }
      Mat weights = chunk.g;
      ops.affine(weights, 1.0, -shift, weights);
      ops.map(UnaryFunction.EXP, weights, weights);
      mass += ops.sum(weights);
      ops.gemm(1.0, chunk.means, true, weights, false, 1.0, meanSums);
      ops.gemm(1.0, chunk.squares, true, weights, false, 1.0, squareSums);
      ops.gemm(1.0, chunk.hidden, true, weights, false, 1.0, hiddenSums);
      ops.scaleRows(chunk.means, weights, chunk.means);
      ops.gemm(1.0, chunk.means, true, chunk.hidden, false, 1.0, meanHidden);
    }

    /** Normalizes the sums by the mass and packs the expectations like Theta. */
    private void writeGradient() {
      gradient = ops.zeros(parameterCount(), 1);
      double scale = 1.0 / mass;
      Mat precisionColumn = l.precisionColumn();
      // W: s_i E[m_i h_j]
      ops.scaleRows(meanHidden, precisionColumn, meanHidden);
      ops.affine(meanHidden, scale, 0.0, meanHidden);
      ops.copyRange(meanHidden, 0, gradient, 0, nv * nh);
      // b: s_i (E[m_i] - b_i)
      Mat bColumn = ops.zeros(nv, 1);
      ops.copyRange(l.b, 0, bColumn, 0, nv);
      Mat column = ops.zeros(nv, 1);
      ops.axpby(scale, meanSums, -1.0, bColumn, column);
      ops.multiply(column, precisionColumn, column);
      ops.copyRange(column, 0, gradient, nv * nh, nv);
      // c: E[h_j]
      ops.affine(hiddenSums, scale, 0.0, hiddenSums);
      ops.copyRange(hiddenSums, 0, gradient, nv * nh + nv, nh);
      if (learnedVariance) {
        // z: 1/2 - s_i (E[m_i^2] - b_i^2) / 2
        ops.multiply(bColumn, bColumn, bColumn);
        ops.axpby(scale, squareSums, -1.0, bColumn, column);
        ops.multiply(column, halfPrecisions, column);
        ops.affine(column, -1.0, 0.5, column);
        ops.copyRange(column, 0, gradient, nv * nh + nv + nh, nv);
      }
    }

    /** The matrices of one chunk size. */
    private final class Chunk {
      final Mat hidden;
      final Mat means;
      final Mat squares;
      final Mat g;

      Chunk(int rows) {
        hidden = ops.zeros(rows, nh);
        means = ops.zeros(rows, nv);
        squares = ops.zeros(rows, nv);
        g = ops.zeros(rows, 1);
      }
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The parameters read out of Theta once per call, on the engine. */
  private final class Layers {
    final Mat w = weights();
    final Mat b = parameterRow(nv * nh, nv);
    final Mat c = parameterRow(nv * nh + nv, nh);
    final Mat cColumn = parameterColumn(nv * nh + nv, nh);
    final Mat s = precisions();

    /** s as an nv x 1 column. */
    Mat precisionColumn() {
      Mat column = ops.zeros(nv, 1);
      ops.copyRange(s, 0, column, 0, nv);
      return column;
    }

    /** {@code out} = (v s) W + c (n x nh). */
    void hiddenInput(Mat v, Mat out) {
      Mat scaledWeights = ops.zeros(nv, nh);
      ops.scaleRows(w, precisionColumn(), scaledWeights);
      ops.gemm(1.0, v, false, scaledWeights, false, 0.0, out);
      ops.addRowVector(out, c, out);
    }

    /** {@code out} = h W^T + b (n x nv). */
    void visibleMean(Mat h, Mat out) {
      ops.gemm(1.0, h, false, w, true, 0.0, out);
      ops.addRowVector(out, b, out);
    }

    /** {@code out} = v - b (n x nv). */
    void centered(Mat v, Mat out) {
      Mat minusB = ops.zeros(1, nv);
      ops.affine(b, -1.0, 0.0, minusB);
      ops.addRowVector(v, minusB, out);
    }

    /** {@code out} = x with column i multiplied by {@code row}[i]. */
    void scaleColumns(Mat x, Mat row, Mat out) {
      Mat broadcast = ops.zeros(x.rows(), x.cols());
      ops.addRowVector(broadcast, row, broadcast);
      ops.multiply(x, broadcast, out);
    }
  }

  /** Theta[first, first + length) as a new 1 x length engine row. */
  private Mat parameterRow(int first, int length) {
    Mat row = ops.zeros(1, length);
    ops.copyRange(theta, first, row, 0, length);
    return row;
  }

  /** Theta[first, first + length) as a new length x 1 engine column. */
  private Mat parameterColumn(int first, int length) {
    Mat column = ops.zeros(length, 1);
    ops.copyRange(theta, first, column, 0, length);
    return column;
  }

  private void requireVisible(Mat x, String what) {
    Capabilities.requireRowsOf(this, x, what);
  }

  private static void requireUnits(int nv, int nh) {
    if (nv < 1 || nh < 1) {
      throw new IllegalArgumentException(
          "gbrbm needs at least one visible and one hidden unit, got nv = %d, nh = %d"
              .formatted(nv, nh));
    }
  }

  private static double requireFinite(double value, String what) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("gbrbm " + what + " must be finite, got " + value);
    }
    return value;
  }
}
