package org.ebmbench.model;

import java.util.Arrays;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;

/**
 * The Ising model, or fully visible Boltzmann machine: on spins x in {-1, +1}^n its log density is
 * f(x) = h.x + sum_{i<j} J_ij x_i x_j.
 *
 * <p>Parameters Theta = (h_1 .. h_n, then J_ij for i < j in row-major order of (i, j)), so the
 * sufficient statistics are T(x) = [x, x_i x_j for i < j], exactly the columns of {@link
 * Ops#pairwiseProducts(Mat, boolean, Mat)} without the diagonal.
 *
 * <p>log Z and E[T] are computed exactly by enumerating all 2^n states on the engine, in chunks,
 * for n <= {@value #MAX_ENUMERATION_SPINS}; the result is cached for the current parameter values.
 * Exact sampling by inverse CDF works for n <= {@value #MAX_EXACT_SAMPLING_SPINS}. Gibbs sweeps
 * work for any n. Not thread-safe: one model is used by one thread at a time.
 */
public final class IsingModel extends ExponentialFamily
    implements ExactPartition, ExactSampling, GibbsUpdatable {
  /**
   * The largest n whose 2^n states are enumerated: 2^24 = 16.8 million states, 16 times the work of
   * n = 20. Each extra spin doubles the time, and beyond this exact answers stop being cheap enough
   * for a benchmark loop.
   */
  public static final int MAX_ENUMERATION_SPINS = 24;

  /**
   * The largest n for exact sampling, which keeps the cumulative probabilities of all 2^n states in
   * a host array: 8 MB at n = 20, and rebuilt at every parameter change.
   */
  public static final int MAX_EXACT_SAMPLING_SPINS = 20;

  /**
   * States per enumeration chunk, a constant so the summation order (and so every bit of the
   * result) does not depend on the thread count. At n = 24 a chunk's statistics take 12288 x 300
   * doubles (~30 MB). A multiple of 4096 for aligned device blocks, but not a power of two: for n
   * of 14 or more the last chunk is partial, so that path is always exercised.
   */
  public static final int ENUMERATION_CHUNK_ROWS = 3 << 12;

  private final int n;
  private final ParameterKeyedCache<Partition> partition = new ParameterKeyedCache<>();
  /** Cumulative probabilities of the states in enumeration order. */
  private final ParameterKeyedCache<double[]> cdf = new ParameterKeyedCache<>();

  /** log Z and E[T] at one parameter value. */
  private record Partition(double logZ, Mat expectedStatistics) {}

  private IsingModel(Ops ops, int n, double[] theta) {
    super(ops, theta);
    this.n = n;
  }

  // ---- factories -------------------------------------------------------------------------------

  /**
   * A model with fields {@code h} (length n) and couplings {@code j} (n x n, symmetric, zero
   * diagonal; only the upper triangle enters f).
   *
   * @throws IllegalArgumentException if the sizes disagree, J is not symmetric or has a non-zero
   *     diagonal, or a value is not finite
   */
  public static IsingModel of(Ops ops, double[] h, double[][] j) {
    int n = h.length;
    requireSpins(n);
    if (j.length != n) {
      throw new IllegalArgumentException(
          "ising couplings must be %d x %d to match %d fields, got %d rows"
              .formatted(n, n, n, j.length));
    }
    double[] theta = new double[parameterCount(n)];
    for (int i = 0; i < n; i++) {
      requireFinite(h[i], "field h[" + i + "]");
      theta[i] = h[i];
      if (j[i].length != n) {
        throw new IllegalArgumentException(
            "ising couplings must be %d x %d to match %d fields, got row %d of length %d"
                .formatted(n, n, n, i, j[i].length));
      }
    }
    int k = n;
    for (int a = 0; a < n; a++) {
      if (j[a][a] != 0.0) {
        throw new IllegalArgumentException(
            "ising couplings must have a zero diagonal, got J[%d][%d] = %s"
                .formatted(a, a, j[a][a]));
      }
      for (int b = a + 1; b < n; b++) {
        requireFinite(j[a][b], "coupling J[" + a + "][" + b + "]");
        if (j[a][b] != j[b][a]) {
          throw new IllegalArgumentException(
              "ising couplings must be symmetric, got J[%d][%d] = %s but J[%d][%d] = %s"
                  .formatted(a, b, j[a][b], b, a, j[b][a]));
        }
        theta[k++] = j[a][b];
      }
    }
    return new IsingModel(ops, n, theta);
  }

  /**
   * A random model with J_ij ~ N(0, couplingScale^2 / n) for i < j and h_i ~ N(0, fieldScale^2).
   * The 1/n variance is the Sherrington-Kirkpatrick scaling: the local field sum_j J_ij x_j stays
   * O(couplingScale) as n grows, and couplingScale plays the role of the inverse temperature (at
   * zero field the spin-glass transition is at couplingScale = 1). Draws h first, then J in
   * parameter order, on the host, so every engine gets the same model.
   */
  public static IsingModel random(
      Ops ops, int n, double couplingScale, double fieldScale, RandomStream stream) {
    requireSpins(n);
    requireScale(couplingScale, "couplingScale");
    requireScale(fieldScale, "fieldScale");
    double[] theta = new double[parameterCount(n)];
    double couplingSd = couplingScale / Math.sqrt(n);
    for (int k = 0; k < theta.length; k++) {
      theta[k] = (k < n ? fieldScale : couplingSd) * stream.nextGaussian();
    }
    return new IsingModel(ops, n, theta);
  }

  /**
   * A one-dimensional chain with open boundary: J_{i,i+1} = {@code coupling} for neighbours, all
   * other couplings zero, and h_i = {@code field} on every spin.
   */
  public static IsingModel chain(Ops ops, int n, double coupling, double field) {
    requireSpins(n);
    requireFinite(coupling, "chain coupling");
    requireFinite(field, "chain field");
    double[] theta = new double[parameterCount(n)];
    Arrays.fill(theta, 0, n, field);
    for (int i = 0; i + 1 < n; i++) {
      theta[couplingIndex(n, i, i + 1)] = coupling;
    }
    return new IsingModel(ops, n, theta);
  }

  /** The number of parameters of an n-spin model: n fields and n(n-1)/2 couplings. */
  public static int parameterCount(int n) {
    return n + n * (n - 1) / 2;
  }

  /** The position of J_ij (i < j) in Theta for an n-spin model. */
  public static int couplingIndex(int n, int i, int j) {
    if (i < 0 || i >= j || j >= n) {
      throw new IllegalArgumentException(
          "coupling (" + i + ", " + j + ") needs 0 <= i < j < n = " + n);
    }
    return n + i * (2 * n - i - 1) / 2 + (j - i - 1);
  }

  // ---- the model -------------------------------------------------------------------------------

  @Override
  public String describe() {
    return "ising(n=" + n + ")";
  }

  @Override
  public Domain domain() {
    return Domain.SPINS;
  }

  @Override
  public int dimension() {
    return n;
  }

  /** The fields h, as a new host array. */
  public double[] fieldValues() {
    return Arrays.copyOf(parameterValues(), n);
  }

  /** The couplings J as a new symmetric n x n host array with zero diagonal. */
  public double[][] couplingValues() {
    double[] flat = couplingMatrix(parameterValues());
    double[][] j = new double[n][];
    for (int i = 0; i < n; i++) {
      j[i] = Arrays.copyOfRange(flat, i * n, (i + 1) * n);
    }
    return j;
  }

  @Override
  public void sufficientStatistics(Mat x, Mat out) {
    requireSpinColumns(x);
    writeStatistics(x, ops.zeros(x.rows(), parameterCount() - n), out);
  }

  /** T(x) into {@code out}, with {@code pairs} (rows x n(n-1)/2) as scratch. */
  void writeStatistics(Mat x, Mat pairs, Mat out) {
    ops.setColumns(x, 0, out);
    if (n > 1) {
      ops.pairwiseProducts(x, false, pairs);
      ops.setColumns(pairs, n, out);
    }
  }

  /**
   * The mean of T over the rows of {@code x} without forming T: the column means of x and the
   * upper triangle of X^T X / rows, one gemm of n x n outputs instead of a rows x P statistics
   * matrix (the data term of every likelihood gradient, over large data sets).
   */
  @Override
  public void meanParameterGradient(Mat x, Mat out) {
    requireSpinColumns(x);
    int rows = x.rows();
    Mat weights = ops.zeros(rows, 1);
    ops.fill(1.0 / rows, weights);
    Mat means = ops.zeros(n, 1);
    ops.gemm(1.0, x, true, weights, false, 0.0, means);
    Mat moments = ops.zeros(n, n);
    ops.gemm(1.0 / rows, x, true, x, false, 0.0, moments);
    double[] second = ops.toHost(moments);
    double[] mean = Arrays.copyOf(ops.toHost(means), parameterCount());
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        mean[couplingIndex(n, i, j)] = second[i * n + j];
      }
    }
    ops.copy(ops.fromHost(parameterCount(), 1, mean), out);
  }

  @Override
  public IsingModel copy() {
    return new IsingModel(ops, n, parameterValues());
  }

  // ---- exact partition function ----------------------------------------------------------------

  /**
   * log Z by enumeration of all 2^n states.
   *
   * @throws IllegalArgumentException if n > {@value #MAX_ENUMERATION_SPINS}
   */
  @Override
  public double logPartition() {
    return partition().logZ();
  }

  /**
   * E[T] under the model, which is the gradient of log Z, by the same enumeration as {@link
   * #logPartition()} (computed once for both).
   *
   * @throws IllegalArgumentException if n > {@value #MAX_ENUMERATION_SPINS}
   */
  @Override
  public void expectedParameterGradient(Mat out) {
    ops.copy(partition().expectedStatistics(), out);
  }

  private Partition partition() {
    requireAtMost(MAX_ENUMERATION_SPINS, "enumerate exactly");
    return partition.get(parameterValues(), theta -> enumerate());
  }

  /**
   * One pass over all states: a streaming log-sum-exp of f with a running shift (the largest f so
   * far), and the sum of exp(f - shift) T accumulated by one gemm per chunk; both sums are rescaled
   * whenever the shift grows, so nothing overflows.
   */
  private Partition enumerate() {
    Mat weightedStatistics = ops.zeros(parameterCount(), 1);
    double shift = Double.NEGATIVE_INFINITY;
    double mass = 0.0;
    SpinChunks chunks = new SpinChunks(this);
    while (chunks.next()) {
      double chunkMax = ops.max(chunks.logDensity());
      if (chunkMax > shift) {
        double rescale = Math.exp(shift - chunkMax);
        mass *= rescale;
        ops.affine(weightedStatistics, rescale, 0.0, weightedStatistics);
        shift = chunkMax;
      }
      Mat weights = chunks.scratch();
      ops.affine(chunks.logDensity(), 1.0, -shift, weights);
      ops.map(UnaryFunction.EXP, weights, weights);
      mass += ops.sum(weights);
      ops.gemm(1.0, chunks.statistics(), true, weights, false, 1.0, weightedStatistics);
    }
    ops.affine(weightedStatistics, 1.0 / mass, 0.0, weightedStatistics);
    return new Partition(shift + Math.log(mass), weightedStatistics);
  }

  // ---- exact sampling --------------------------------------------------------------------------

  /**
   * Independent exact draws by inverse CDF: one uniform per draw from {@code stream}, located by
   * binary search in the cumulative probabilities of all states (enumeration order).
   *
   * @throws IllegalArgumentException if n > {@value #MAX_EXACT_SAMPLING_SPINS} or count < 0
   */
  @Override
  public Mat sampleExactly(int count, RandomStream stream) {
    if (count < 0) {
      throw new IllegalArgumentException("sample count must be >= 0, got " + count);
    }
    requireAtMost(MAX_EXACT_SAMPLING_SPINS, "sample exactly");
    double[] cumulative = cumulativeProbabilities();
    double total = cumulative[cumulative.length - 1];
    Mat uniforms = ops.zeros(count, 1);
    ops.uniform(stream, uniforms);
    double[] u = ops.toHost(uniforms);
    // The spins are written on the host: count x n values, one transfer.
    double[] spins = new double[count * n];
    for (int r = 0; r < count; r++) {
      int index = InverseCdf.firstAbove(cumulative, u[r] * total);
      for (int j = 0; j < n; j++) {
        spins[r * n + j] = ((index >>> j) & 1) == 0 ? -1.0 : 1.0;
      }
    }
    return ops.fromHost(count, n, spins);
  }

  private double[] cumulativeProbabilities() {
    double logZ = partition().logZ();
    return cdf.get(parameterValues(), theta -> cumulativeProbabilities(logZ));
  }

  private double[] cumulativeProbabilities(double logZ) {
    double[] cumulative = new double[1 << n];
    double running = 0.0;
    SpinChunks chunks = new SpinChunks(this);
    while (chunks.next()) {
      Mat p = chunks.scratch();
      ops.affine(chunks.logDensity(), 1.0, -logZ, p);
      ops.map(UnaryFunction.EXP, p, p);
      double[] probabilities = ops.toHost(p);
      int first = (int) chunks.firstIndex();
      for (int r = 0; r < probabilities.length; r++) {
        running += probabilities[r];
        cumulative[first + r] = running;
      }
    }
    return cumulative;
  }

  // ---- Gibbs sampling --------------------------------------------------------------------------

  /**
   * One systematic-scan sweep, sites 0..n-1, on all chains at once. Site i becomes +1 with
   * probability sigmoid(2 F_i), where F = X J + h is the local field; after each site F is updated
   * by the rank-1 product (change in x_i) x (row i of J), so a sweep costs O(chains n^2). The
   * uniforms are drawn up front, one chains x n matrix per sweep, from {@code stream}. {@code
   * states} must hold -1 and +1 only.
   */
  @Override
  public void gibbsSweep(Mat states, RandomStream stream) {
    requireSpinColumns(states);
    int chains = states.rows();
    double[] theta = parameterValues();
    Mat couplings = ops.fromHost(n, n, couplingMatrix(theta));
    Mat fields = ops.fromHost(1, n, Arrays.copyOf(theta, n));
    Mat local = ops.zeros(chains, n);
    ops.gemm(1.0, states, false, couplings, false, 0.0, local);
    ops.addRowVector(local, fields, local);
    Mat uniforms = ops.zeros(chains, n);
    ops.uniform(stream, uniforms);

    Mat probability = ops.zeros(chains, 1);
    Mat u = ops.zeros(chains, 1);
    Mat spin = ops.zeros(chains, 1);
    Mat old = ops.zeros(chains, 1);
    Mat change = ops.zeros(chains, 1);
    Mat couplingRow = ops.zeros(1, n);
    for (int i = 0; i < n; i++) {
      ops.getColumns(local, i, probability);
      ops.affine(probability, 2.0, 0.0, probability);
      ops.map(UnaryFunction.SIGMOID, probability, probability);
      ops.getColumns(uniforms, i, u);
      ops.lessThan(u, probability, spin);
      ops.affine(spin, 2.0, -1.0, spin);
      ops.getColumns(states, i, old);
      ops.axpby(1.0, spin, -1.0, old, change);
      ops.setColumns(spin, i, states);
      ops.gatherRows(couplings, new int[] {i}, couplingRow);
      ops.gemm(1.0, change, false, couplingRow, false, 1.0, local);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** J as a row-major n x n array (symmetric, zero diagonal) from Theta. */
  private double[] couplingMatrix(double[] theta) {
    double[] j = new double[n * n];
    int k = n;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        j[a * n + b] = theta[k];
        j[b * n + a] = theta[k];
        k++;
      }
    }
    return j;
  }

  private void requireSpinColumns(Mat x) {
    if (x.cols() != n) {
      throw new IllegalArgumentException(
          "%s needs states with %d columns, got %d x %d"
              .formatted(describe(), n, x.rows(), x.cols()));
    }
  }

  private void requireAtMost(int limit, String what) {
    if (n > limit) {
      throw new IllegalArgumentException(
          "ising model with n = %d spins is too large to %s (2^%d states; the limit is n <= %d)"
              .formatted(n, what, n, limit));
    }
  }

  private static void requireSpins(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("ising model needs at least one spin, got n = " + n);
    }
  }

  private static void requireFinite(double value, String what) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("ising " + what + " must be finite, got " + value);
    }
  }

  private static void requireScale(double value, String what) {
    if (!(value >= 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "ising " + what + " must be finite and >= 0, got " + value);
    }
  }
}
