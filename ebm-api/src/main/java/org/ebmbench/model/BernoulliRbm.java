package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;

/**
 * The Bernoulli-Bernoulli restricted Boltzmann machine: visible units v in {0, 1}^nv, hidden units
 * h in {0, 1}^nh, joint P(v, h) proportional to exp(v.b + h.c + v W h). The model's x is v alone,
 * with the hidden layer summed out analytically:
 *
 * <pre>
 *   f(v) = v.b + sum_j softplus(c_j + (v W)_j)          (minus the free energy)
 * </pre>
 *
 * <p>Parameters Theta = (W row-major nv x nh, then b, then c) in one engine column vector; the
 * weight matrix and biases are views of it ({@link Ops#view}), never copies, and gradients are
 * written straight into their blocks. Work matrices of one batch shape are kept between calls.
 *
 * <p>log Z and E[d f / d Theta] are exact by enumerating the smaller layer (up to 2^{@value
 * #MAX_ENUMERATED_UNITS} states) and summing the other analytically; the result is cached for the
 * current parameter values. Gibbs sweeps are block updates h ~ P(h | v), then v ~ P(v | h). Not
 * thread-safe: one model is used by one thread at a time.
 */
public final class BernoulliRbm implements ExactPartition, ContrastiveGradient, Reconstructing {
  /** The largest enumerated layer: 2^25 = 33.5 million states, the limit of exact answers. */
  public static final int MAX_ENUMERATED_UNITS = 25;

  /**
   * Elements per enumeration chunk in the summed layer's matrices (rows x width of the other
   * layer): 2^17 doubles, 1 MB, about a level-2 cache, so the passes over a chunk (product, bias,
   * softplus) mostly stay in cache: for 784 x 20 this was about 1.3x less CPU time than 2^21.
   */
  static final int CHUNK_ELEMENTS = 1 << 17;

  /**
   * The most rows per enumeration chunk. Not a power of two, so an enumeration of 2^12 states or
   * more ends on a partial chunk, and that path is always exercised.
   */
  static final int MAX_CHUNK_ROWS = 3 << 10;

  /** The two layers, for choosing which one an exact enumeration walks. */
  public enum Layer {
    VISIBLE,
    HIDDEN
  }

  private final Ops ops;
  private final int nv;
  private final int nh;
  private final Mat theta;
  private final ParameterKeyedCache<Double> logZCache = new ParameterKeyedCache<>();
  private final ParameterKeyedCache<Mat> gradientCache = new ParameterKeyedCache<>();

  /** W, b and c: views of {@link #theta}. */
  private final Mat weightView;

  private final Mat visibleBiasView;
  private final Mat hiddenBiasView;

  /** Work matrices kept between calls, by purpose; see {@link #scratch}. */
  private final Mat[] scratch = new Mat[Scratch.values().length];

  /** The uses of {@link #scratch}; each holds one matrix at a time. */
  private enum Scratch {
    GIBBS_HIDDEN,
    HIDDEN_PROBABILITIES,
    VISIBLE_PROBABILITIES,
    PROBABILITIES,
    DATA_PROBABILITIES,
    VISIBLE_SUMS,
    HIDDEN_SUMS
  }

  /** Work matrices larger than this many elements (32 MB in double) are not kept. */
  private static final long MAX_KEPT_SCRATCH = 1L << 22;

  private BernoulliRbm(Ops ops, int nv, int nh, double[] theta) {
    this.ops = ops;
    this.nv = nv;
    this.nh = nh;
    this.theta = ops.fromHost(theta.length, 1, theta);
    this.weightView = ops.view(this.theta, 0, nv, nh);
    this.visibleBiasView = ops.view(this.theta, nv * nh, 1, nv);
    this.hiddenBiasView = ops.view(this.theta, nv * nh + nv, 1, nh);
  }

  // ---- factories -------------------------------------------------------------------------------

  /**
   * A model with weights {@code w} (nv x nh), visible biases {@code b} (nv) and hidden biases
   * {@code c} (nh).
   *
   * @throws IllegalArgumentException if the sizes disagree or a value is not finite
   */
  public static BernoulliRbm of(Ops ops, double[][] w, double[] b, double[] c) {
    int nv = b.length;
    int nh = c.length;
    requireUnits(nv, nh);
    if (w.length != nv) {
      throw new IllegalArgumentException(
          "rbm weights must have %d rows to match %d visible biases, got %d"
              .formatted(nv, nv, w.length));
    }
    double[] theta = new double[parameterCount(nv, nh)];
    for (int i = 0; i < nv; i++) {
      if (w[i].length != nh) {
        throw new IllegalArgumentException(
            "rbm weights must have %d columns to match %d hidden biases, got row %d of length %d"
                .formatted(nh, nh, i, w[i].length));
      }
      for (int j = 0; j < nh; j++) {
        theta[weightIndex(nh, i, j)] = requireFinite(w[i][j], "weight W[" + i + "][" + j + "]");
      }
      theta[nv * nh + i] = requireFinite(b[i], "visible bias b[" + i + "]");
    }
    for (int j = 0; j < nh; j++) {
      theta[nv * nh + nv + j] = requireFinite(c[j], "hidden bias c[" + j + "]");
    }
    return new BernoulliRbm(ops, nv, nh, theta);
  }

  /**
   * A random model with W_ij ~ N(0, weightSd^2) and b_i, c_j ~ N(0, biasSd^2), drawn on the host in
   * parameter order so every engine gets the same model.
   */
  public static BernoulliRbm random(
      Ops ops, int nv, int nh, double weightSd, double biasSd, RandomStream stream) {
    requireUnits(nv, nh);
    requireScale(weightSd, "weightSd");
    requireScale(biasSd, "biasSd");
    double[] theta = new double[parameterCount(nv, nh)];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = (k < nv * nh ? weightSd : biasSd) * stream.nextGaussian();
    }
    return new BernoulliRbm(ops, nv, nh, theta);
  }

  /** The number of parameters: nv nh weights, nv visible and nh hidden biases. */
  public static int parameterCount(int nv, int nh) {
    return nv * nh + nv + nh;
  }

  /** The position of W_ij in Theta for a model with nh hidden units. */
  public static int weightIndex(int nh, int i, int j) {
    return i * nh + j;
  }

  // ---- the model -------------------------------------------------------------------------------

  @Override
  public String describe() {
    return "rbm(nv=" + nv + ",nh=" + nh + ")";
  }

  @Override
  public Ops ops() {
    return ops;
  }

  @Override
  public Domain domain() {
    return Domain.BINARY;
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
    return copyOf(weightView);
  }

  /** b as a new 1 x nv engine matrix. */
  public Mat visibleBias() {
    return copyOf(visibleBiasView);
  }

  /** c as a new 1 x nh engine matrix. */
  public Mat hiddenBias() {
    return copyOf(hiddenBiasView);
  }

  private Mat copyOf(Mat m) {
    Mat copy = ops.zeros(m.rows(), m.cols());
    ops.copy(m, copy);
    return copy;
  }

  @Override
  public void logDensityUnnormalized(Mat x, Mat out) {
    requireVisible(x, "visible states");
    Mat pre = ops.zeros(x.rows(), nh);
    hiddenInput(x, weightView, hiddenBiasView, pre);
    ops.softplusRowSums(pre, out);
    ops.gemm(1.0, x, false, parameterColumn(nv * nh, nv), false, 1.0, out);
  }

  /**
   * The data term of the likelihood gradient: with q = sigmoid(v W + c) = P(h = 1 | v), the mean
   * over rows of (v^T q, v, q), packed like Theta.
   */
  @Override
  public void meanParameterGradient(Mat x, Mat out) {
    meanGradient(x, 1.0, 0.0, out);
  }

  /** As {@link #meanParameterGradient}, accumulated into each block of {@code out} in place. */
  @Override
  public void addMeanParameterGradient(Mat x, double scale, Mat out) {
    meanGradient(x, scale, 1.0, out);
  }

  /** {@code out = scale * mean gradient + beta * out}, each block written where it lies. */
  private void meanGradient(Mat x, double scale, double beta, Mat out) {
    requireVisible(x, "visible states");
    if (out.rows() != parameterCount() || out.cols() != 1) {
      throw new IllegalArgumentException(
          "%s needs a gradient of %d x 1, got %d x %d"
              .formatted(describe(), parameterCount(), out.rows(), out.cols()));
    }
    Mat q = scratch(Scratch.PROBABILITIES, x.rows(), nh);
    hiddenProbabilities(x, q);
    meanGradient(x, q, scale, beta, out);
  }

  /** As {@link #meanGradient(Mat, double, double, Mat)}, given q = P(h = 1 | x). */
  private void meanGradient(Mat x, Mat q, double scale, double beta, Mat out) {
    int n = x.rows();
    double perRow = scale / n;
    ops.gemm(perRow, x, true, q, false, beta, ops.view(out, 0, nv, nh));
    Mat visibleSums = scratch(Scratch.VISIBLE_SUMS, 1, nv);
    ops.columnSums(x, visibleSums);
    addScaled(perRow, visibleSums, beta, ops.view(out, nv * nh, 1, nv));
    Mat hiddenSums = scratch(Scratch.HIDDEN_SUMS, 1, nh);
    ops.columnSums(q, hiddenSums);
    addScaled(perRow, hiddenSums, beta, ops.view(out, nv * nh + nv, 1, nh));
  }

  /** {@code out = alpha * x + beta * out}, where beta 0 ignores out's old contents. */
  private void addScaled(double alpha, Mat x, double beta, Mat out) {
    if (beta == 0.0) {
      ops.affine(x, alpha, 0.0, out);
    } else {
      ops.axpby(alpha, x, beta, out, out);
    }
  }

  /**
   * P(h_j = 1 | v) = sigmoid(c_j + (v W)_j) for each row of {@code v} into {@code out} (n x nh).
   */
  public void hiddenProbabilities(Mat v, Mat out) {
    requireVisible(v, "visible states");
    hiddenInput(v, weightView, hiddenBiasView, out);
    ops.map(UnaryFunction.SIGMOID, out, out);
  }

  /**
   * P(v_i = 1 | h) = sigmoid(b_i + (W h)_i) for each row of {@code h} into {@code out} (n x nv).
   */
  public void visibleProbabilities(Mat h, Mat out) {
    if (h.cols() != nh) {
      throw new IllegalArgumentException(
          "%s needs hidden states with %d columns, got %d x %d"
              .formatted(describe(), nh, h.rows(), h.cols()));
    }
    visibleInput(h, weightView, visibleBiasView, out);
    ops.map(UnaryFunction.SIGMOID, out, out);
  }

  @Override
  public void reconstruct(Mat v, Mat out) {
    Mat q = ops.zeros(v.rows(), nh);
    hiddenProbabilities(v, q);
    visibleProbabilities(q, out);
  }

  @Override
  public BernoulliRbm copy() {
    return new BernoulliRbm(ops, nv, nh, parameterValues());
  }

  // ---- Gibbs sampling --------------------------------------------------------------------------

  /**
   * One block Gibbs sweep on every chain (row of visible {@code states}): h ~ P(h | v), then v ~
   * P(v | h), each layer all at once. Draws an n x nh matrix of uniforms, then an n x nv one, from
   * {@code stream}.
   */
  @Override
  public void gibbsSweep(Mat states, RandomStream stream) {
    requireVisible(states, "chain states");
    int chains = states.rows();
    Mat q = scratch(Scratch.HIDDEN_PROBABILITIES, chains, nh);
    hiddenProbabilities(states, q);
    Mat h = scratch(Scratch.GIBBS_HIDDEN, chains, nh);
    ops.bernoulli(stream, q, h);
    sampleVisible(h, stream, states);
  }

  /**
   * CD-k from the batch with the batch's P(h | v) computed once, for the first sweep's hidden draw
   * and for the data term: five matrix products of the batch's size for CD-1 instead of six. The
   * operations and random draws are those of {@link #gibbsSweep} and the two mean gradients, in
   * the same order, so the result is the same bit for bit.
   */
  @Override
  public void contrastiveGradient(
      Mat batch, Mat chains, int sweeps, RandomStream stream, Mat out) {
    requireVisible(batch, "batch");
    if (chains.rows() != batch.rows() || chains.cols() != batch.cols()) {
      throw new IllegalArgumentException(
          "%s: chains of %d x %d do not match the batch of %d x %d"
              .formatted(describe(), chains.rows(), chains.cols(), batch.rows(), batch.cols()));
    }
    if (sweeps < 1) {
      throw new IllegalArgumentException("contrastive divergence needs >= 1 sweep, got " + sweeps);
    }
    int n = batch.rows();
    Mat dataProbabilities = scratch(Scratch.DATA_PROBABILITIES, n, nh);
    hiddenProbabilities(batch, dataProbabilities);
    Mat h = scratch(Scratch.GIBBS_HIDDEN, n, nh);
    ops.bernoulli(stream, dataProbabilities, h);
    sampleVisible(h, stream, chains);
    for (int sweep = 1; sweep < sweeps; sweep++) {
      gibbsSweep(chains, stream);
    }
    meanGradient(chains, 1.0, 0.0, out);
    meanGradient(batch, dataProbabilities, -1.0, 1.0, out);
  }

  /** v ~ P(v | h) into {@code out}, through the visible probabilities' work matrix. */
  private void sampleVisible(Mat h, RandomStream stream, Mat out) {
    Mat p = scratch(Scratch.VISIBLE_PROBABILITIES, h.rows(), nv);
    visibleProbabilities(h, p);
    ops.bernoulli(stream, p, out);
  }

  /**
   * A rows x cols work matrix for {@code use}: the one kept from the last call when the shape is
   * the same, else a new one (kept unless it is large). Its contents are whatever was left there.
   */
  private Mat scratch(Scratch use, int rows, int cols) {
    Mat kept = scratch[use.ordinal()];
    if (kept != null && kept.rows() == rows && kept.cols() == cols) {
      return kept;
    }
    Mat fresh = ops.zeros(rows, cols);
    scratch[use.ordinal()] = (long) rows * cols <= MAX_KEPT_SCRATCH ? fresh : null;
    return fresh;
  }

  // ---- exact partition function ----------------------------------------------------------------

  /**
   * log Z by enumerating the smaller layer (the hidden one on a tie).
   *
   * @throws IllegalArgumentException if the smaller layer has more than {@value
   *     #MAX_ENUMERATED_UNITS} units
   */
  @Override
  public double logPartition() {
    Layer layer = smallerLayer();
    requireEnumerable(layer);
    return logZCache.get(parameterValues(), t -> new Enumeration(layer, false).run().logZ);
  }

  /**
   * E[d f / d Theta] = (E[v h^T], E[v], E[h]) under the model, the gradient of log Z, by the same
   * enumeration as {@link #logPartition()}.
   *
   * @throws IllegalArgumentException if the smaller layer has more than {@value
   *     #MAX_ENUMERATED_UNITS} units
   */
  @Override
  public void expectedParameterGradient(Mat out) {
    Layer layer = smallerLayer();
    requireEnumerable(layer);
    ops.copy(
        gradientCache.get(parameterValues(), t -> new Enumeration(layer, true).run().gradient),
        out);
  }

  /**
   * log Z by enumerating {@code layer}, uncached: both layers give the same value, which is a check
   * of the enumeration (and {@link #logPartition()} always picks the cheaper one).
   *
   * @throws IllegalArgumentException if {@code layer} has more than {@value #MAX_ENUMERATED_UNITS}
   *     units
   */
  public double logPartitionEnumerating(Layer layer) {
    requireEnumerable(layer);
    return new Enumeration(layer, false).run().logZ;
  }

  /** The expectation of the gradient by enumerating {@code layer}, uncached, into {@code out}. */
  public void expectedParameterGradientEnumerating(Layer layer, Mat out) {
    requireEnumerable(layer);
    ops.copy(new Enumeration(layer, true).run().gradient, out);
  }

  private Layer smallerLayer() {
    return nv < nh ? Layer.VISIBLE : Layer.HIDDEN;
  }

  /**
   * One streamed pass over all 2^k states x of the enumerated layer, with the other layer y summed
   * out: log p~(x) = x.d + sum softplus(x A + e), where (d, A, e) = (b, W, c) when x is visible and
   * (c, W^T, b) when x is hidden. A running shift (the largest log p~ so far) keeps exp finite; the
   * sums are rescaled whenever it grows. With the gradient, the weights w = exp(log p~ - shift)
   * also accumulate x^T w, s^T w and the weight block from s = sigmoid(x A + e) = E[y | x].
   */
  private final class Enumeration {
    private final boolean enumerateVisible;
    private final boolean withGradient;
    private final int k;
    private final int other;
    private final Mat w = weightView;
    private final Mat ownBias;
    private final Mat otherBias;
    private final Mat weightSums;
    private final Mat ownSums;
    private final Mat otherSums;
    private double shift = Double.NEGATIVE_INFINITY;
    private double mass;
    private double logZ;
    private Mat gradient;

    Enumeration(Layer layer, boolean withGradient) {
      this.enumerateVisible = layer == Layer.VISIBLE;
      this.withGradient = withGradient;
      this.k = enumerateVisible ? nv : nh;
      this.other = enumerateVisible ? nh : nv;
      this.ownBias =
          enumerateVisible ? parameterColumn(nv * nh, nv) : parameterColumn(nv * nh + nv, nh);
      this.otherBias = enumerateVisible ? hiddenBiasView : visibleBiasView;
      this.weightSums = withGradient ? ops.zeros(nv, nh) : null;
      this.ownSums = withGradient ? ops.zeros(k, 1) : null;
      this.otherSums = withGradient ? ops.zeros(other, 1) : null;
    }

    Enumeration run() {
      long states = 1L << k;
      int chunkRows =
          (int) Math.min(states, Math.max(1, Math.min(MAX_CHUNK_ROWS, CHUNK_ELEMENTS / other)));
      Chunk full = new Chunk(chunkRows);
      for (long first = 0; first < states; first += chunkRows) {
        int rows = (int) Math.min(chunkRows, states - first);
        accumulate(rows == chunkRows ? full : new Chunk(rows), first);
      }
      logZ = shift + Math.log(mass);
      if (withGradient) {
        gradient = ops.zeros(parameterCount(), 1);
        double scale = 1.0 / mass;
        ops.affine(weightSums, scale, 0.0, weightSums);
        ops.affine(ownSums, scale, 0.0, ownSums);
        ops.affine(otherSums, scale, 0.0, otherSums);
        ops.copyRange(weightSums, 0, gradient, 0, nv * nh);
        ops.copyRange(enumerateVisible ? ownSums : otherSums, 0, gradient, nv * nh, nv);
        ops.copyRange(enumerateVisible ? otherSums : ownSums, 0, gradient, nv * nh + nv, nh);
      }
      return this;
    }

    private void accumulate(Chunk chunk, long first) {
      ops.binaryStates(first, 0.0, 1.0, chunk.states);
      if (enumerateVisible) {
        hiddenInput(chunk.states, w, otherBias, chunk.input);
      } else {
        visibleInput(chunk.states, w, otherBias, chunk.input);
      }
      ops.softplusRowSums(chunk.input, chunk.logDensity);
      ops.gemm(1.0, chunk.states, false, ownBias, false, 1.0, chunk.logDensity);
      double chunkMax = ops.max(chunk.logDensity);
      if (chunkMax > shift) {
        double rescale = Math.exp(shift - chunkMax);
        mass *= rescale;
        if (withGradient) {
          ops.affine(weightSums, rescale, 0.0, weightSums);
          ops.affine(ownSums, rescale, 0.0, ownSums);
          ops.affine(otherSums, rescale, 0.0, otherSums);
        }
        shift = chunkMax;
      }
      Mat weights = chunk.logDensity;
      ops.affine(weights, 1.0, -shift, weights);
      ops.map(UnaryFunction.EXP, weights, weights);
      mass += ops.sum(weights);
      if (withGradient) {
        Mat expectation = chunk.expectation;
        ops.map(UnaryFunction.SIGMOID, chunk.input, expectation);
        ops.gemm(1.0, chunk.states, true, weights, false, 1.0, ownSums);
        ops.gemm(1.0, expectation, true, weights, false, 1.0, otherSums);
        ops.scaleRows(chunk.states, weights, chunk.states);
        if (enumerateVisible) {
          ops.gemm(1.0, chunk.states, true, expectation, false, 1.0, weightSums);
        } else {
          ops.gemm(1.0, expectation, true, chunk.states, false, 1.0, weightSums);
        }
      }
    }

    /** The matrices of one chunk size. */
    private final class Chunk {
      final Mat states;
      final Mat input;

      /** sigmoid(input) = E[y | x], for the gradient only. */
      final Mat expectation;

      final Mat logDensity;

      Chunk(int rows) {
        states = ops.zeros(rows, k);
        input = ops.zeros(rows, other);
        expectation = withGradient ? ops.zeros(rows, other) : null;
        logDensity = ops.zeros(rows, 1);
      }
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Theta[first, first + length) as a length x 1 view. */
  private Mat parameterColumn(int first, int length) {
    return ops.view(theta, first, length, 1);
  }

  /** {@code out} = v W + c (n x nh). */
  private void hiddenInput(Mat v, Mat w, Mat c, Mat out) {
    ops.gemm(1.0, v, false, w, false, 0.0, out);
    ops.addRowVector(out, c, out);
  }

  /** {@code out} = h W^T + b (n x nv). */
  private void visibleInput(Mat h, Mat w, Mat b, Mat out) {
    ops.gemm(1.0, h, false, w, true, 0.0, out);
    ops.addRowVector(out, b, out);
  }

  private void requireVisible(Mat x, String what) {
    Capabilities.requireRowsOf(this, x, what);
  }

  private void requireEnumerable(Layer layer) {
    int units = layer == Layer.VISIBLE ? nv : nh;
    if (units > MAX_ENUMERATED_UNITS) {
      throw new IllegalArgumentException(
          ("%s is too large to enumerate exactly: its %s layer has %d units (2^%d states;"
                  + " the limit is %d units)")
              .formatted(
                  describe(), layer.name().toLowerCase(), units, units, MAX_ENUMERATED_UNITS));
    }
  }

  private static void requireUnits(int nv, int nh) {
    if (nv < 1 || nh < 1) {
      throw new IllegalArgumentException(
          "rbm needs at least one visible and one hidden unit, got nv = %d, nh = %d"
              .formatted(nv, nh));
    }
  }

  private static double requireFinite(double value, String what) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("rbm " + what + " must be finite, got " + value);
    }
    return value;
  }

  private static void requireScale(double value, String what) {
    if (!(value >= 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("rbm " + what + " must be finite and >= 0, got " + value);
    }
  }
}
