package org.ebmbench.crf;

import java.util.List;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.engine.UnaryFunction;

/**
 * {@link ChainLikelihoodKernel} on an engine: forward-backward over a whole block of sequences at
 * once, as batched matrix operations over (sequences x labels), written once against {@link Ops}.
 *
 * <p>What runs where. The host computes the per-position label scores (the sum of the weight rows
 * of the attributes firing at a position: a sparse gather over CoNLL's 338k attribute rows, which
 * would cost an upload of the whole weight matrix per evaluation on a device), the score of the
 * observed labels, the empirical feature counts, and scatters the node marginals back onto the
 * weight rows of those attributes. The engine runs the O(T L^2) part: the forward and backward
 * recursions ({@link Ops#logMatMulExp}, one call per position for all sequences), log Z(x), the
 * node marginals and the expected transition counts (one GEMM per position).
 *
 * <p>Layout: the sequences are sorted by decreasing length (stable), and the messages are packed
 * time-major, like a packed sequence batch: block t holds one row for each of the n_t sequences
 * still running at position t, in sorted order, so the running sequences are always a prefix of
 * the previous block and every step works on contiguous views, without padding or masks.
 *
 * <p>Expected transition counts are computed in factored form, sum_t left_t^T right_t with left =
 * exp(alpha_{t-1} - log-sum-exp(alpha_{t-1})) in (0, 1] and right = exp(s_t + beta_t - log Z +
 * log-sum-exp(alpha_{t-1}) + max A) <= exp(max A - min A), times exp(A - max A) at the end. That is
 * safe while the spread max A - min A of the transitions stays below {@link #spreadLimit}; beyond
 * it (weights no trained model reaches) the block is handed to {@link HostChainLikelihoodKernel},
 * which is exact for any finite weights.
 */
public final class EngineChainLikelihoodKernel implements ChainLikelihoodKernel {
  private static final ChainLikelihoodKernel HOST = new HostChainLikelihoodKernel();

  private final Ops ops;

  /** A kernel computing on {@code ops}' engine, in its precision. */
  public EngineChainLikelihoodKernel(Ops ops) {
    this.ops = ops;
  }

  /**
   * The largest transition spread max A - min A handled on the engine. The factored right-hand
   * terms reach exp(spread): 600 keeps them below 1e261 in double (the host's factored limit);
   * in float, 60 keeps them below 1.2e26, and a product lost to underflow (a left factor below
   * 1.4e-45) is a marginal below 1.4e-45 * e^60 = 1.6e-19, negligible against float's 6e-8.
   */
  static double spreadLimit(Precision precision) {
    return precision == Precision.DOUBLE ? 600 : 60;
  }

  @Override
  public double addLogLikelihoodGradient(
      ChainCrf model, List<LabeledSequence> block, double[] gradient) {
    if (block.isEmpty()) {
      return 0;
    }
    int labels = model.numLabels();
    double[] transitions = new double[labels * labels];
    System.arraycopy(
        model.weightsView(), model.transitionIndex(0, 0), transitions, 0, transitions.length);
    double maxTransition = Double.NEGATIVE_INFINITY;
    double minTransition = Double.POSITIVE_INFINITY;
    for (double a : transitions) {
      maxTransition = Math.max(maxTransition, a);
      minTransition = Math.min(minTransition, a);
    }
    if (!(maxTransition - minTransition <= spreadLimit(ops.precision()))) {
      return HOST.addLogLikelihoodGradient(model, block, gradient);
    }
    for (LabeledSequence sequence : block) {
      model.checkLabels(sequence.x(), sequence.y());
    }
    PackedBlock packed = new PackedBlock(model, block);
    double total = 0;
    for (LabeledSequence sequence : block) {
      ChainFeatures.add(model, sequence.x(), sequence.y(), 1, gradient);
    }
    for (int b = 0; b < packed.size(); b++) {
      total += packed.observedScore(b, transitions, block.get(packed.sequence(b)).y());
    }
    Messages messages = new Messages(packed, transitions);
    for (double logZ : ops.toHost(messages.logPartitions)) {
      total -= logZ;
    }
    addExpectedEmissions(model, block, packed, messages, gradient);
    addExpectedTransitions(model, packed, messages, transitions, maxTransition, gradient);
    return total;
  }

  /**
   * Forward and backward log-messages of a packed block on the engine, with each row's
   * log-sum-exp of its forward message and log Z(x), both per sequence and per row.
   */
  private final class Messages {
    final PackedBlock packed;
    final Mat scores;
    final Mat alpha;
    final Mat beta;
    /** Per row (t, b): log sum_y exp(alpha_t[b][y]). */
    final Mat forwardLogSums;
    /** Per sequence in sorted order: log Z(x). */
    final Mat logPartitions;
    /** Per row (t, b): log Z of sequence b. */
    final Mat rowLogPartitions;
    final Mat onesRow;

    Messages(PackedBlock packed, double[] transitions) {
      this.packed = packed;
      int labels = packed.labels;
      int tokens = packed.tokens();
      scores = ops.fromHost(tokens, labels, packed.scores);
      alpha = ops.zeros(tokens, labels);
      beta = ops.zeros(tokens, labels);
      onesRow = ops.zeros(1, labels);
      ops.fill(1, onesRow);
      Mat a = ops.fromHost(labels, labels, transitions);
      Mat aTransposed = ops.fromHost(labels, labels, transpose(transitions, labels));
      // alpha_0 = s_0; alpha_t = s_t + logMatMulExp(alpha_{t-1}, A) for the running sequences.
      ops.copy(block(scores, 0), block(alpha, 0));
      for (int t = 1; t < packed.maxLength(); t++) {
        Mat out = block(alpha, t);
        ops.logMatMulExp(prefix(alpha, t - 1, packed.running(t)), a, out);
        ops.axpby(1, out, 1, block(scores, t), out);
      }
      // beta = 0 at each sequence's last position (the end weights are in its scores);
      // beta_t = logMatMulExp(s_{t+1} + beta_{t+1}, A^T) for the sequences running at t + 1.
      Mat next = ops.zeros(packed.size(), labels);
      for (int t = packed.maxLength() - 2; t >= 0; t--) {
        int running = packed.running(t + 1);
        Mat sum = ops.view(next, 0, running, labels);
        ops.axpby(1, block(scores, t + 1), 1, block(beta, t + 1), sum);
        ops.logMatMulExp(sum, aTransposed, prefix(beta, t, running));
      }
      forwardLogSums = ops.zeros(tokens, 1);
      ops.logMatMulExp(alpha, ops.zeros(labels, 1), forwardLogSums);
      // log Z of the sequences ending at t is the log-sum-exp of their last forward message.
      logPartitions = ops.zeros(packed.size(), 1);
      for (int t = 0; t < packed.maxLength(); t++) {
        int first = packed.running(t + 1);
        int ending = packed.running(t) - first;
        if (ending > 0) {
          ops.copyRange(forwardLogSums, packed.start(t) + first, logPartitions, first, ending);
        }
      }
      rowLogPartitions = ops.zeros(tokens, 1);
      for (int t = 0; t < packed.maxLength(); t++) {
        ops.copyRange(logPartitions, 0, rowLogPartitions, packed.start(t), packed.running(t));
      }
    }

    /** Block t (the rows of the sequences running at position t) of a packed matrix. */
    Mat block(Mat m, int t) {
      return prefix(m, t, packed.running(t));
    }

    /** The first {@code rows} rows of block t of a packed matrix. */
    Mat prefix(Mat m, int t, int rows) {
      return ops.view(m, packed.start(t) * m.cols(), rows, m.cols());
    }

    /** Rows [first, tokens) of a packed matrix. */
    Mat rowsFrom(Mat m, int first) {
      return ops.view(m, first * m.cols(), packed.tokens() - first, m.cols());
    }

    /** out -= column, broadcast along the rows: a rank-one GEMM with a row of ones. */
    void subtractColumn(Mat column, Mat out) {
      ops.gemm(-1, column, false, onesRow, false, 1, out);
    }
  }

  /**
   * Node marginals exp(alpha + beta - log Z) on the engine, read back and scattered (times -1)
   * onto the weight rows of the attributes firing at each position and onto start and end.
   */
  private void addExpectedEmissions(
      ChainCrf model,
      List<LabeledSequence> block,
      PackedBlock packed,
      Messages messages,
      double[] gradient) {
    int labels = packed.labels;
    Mat marginals = ops.zeros(packed.tokens(), labels);
    ops.axpby(1, messages.alpha, 1, messages.beta, marginals);
    messages.subtractColumn(messages.rowLogPartitions, marginals);
    ops.map(UnaryFunction.EXP, marginals, marginals);
    double[] node = ops.toHost(marginals);
    int startBase = model.startIndex(0);
    int endBase = model.endIndex(0);
    for (int t = 0; t < packed.maxLength(); t++) {
      for (int b = 0; b < packed.running(t); b++) {
        Sequence x = block.get(packed.sequence(b)).x();
        int row = (packed.start(t) + b) * labels;
        for (int a : x.attributesAt(t)) {
          subtract(node, row, gradient, model.emissionIndex(a, 0), labels);
        }
        if (t == 0) {
          subtract(node, row, gradient, startBase, labels);
        }
        if (t == x.length() - 1) {
          subtract(node, row, gradient, endBase, labels);
        }
      }
    }
  }

  /**
   * Subtracts the summed edge marginals from the transition entries of the gradient: left and
   * right factors (class comment) for all rows at once, then one GEMM per position.
   */
  private void addExpectedTransitions(
      ChainCrf model,
      PackedBlock packed,
      Messages messages,
      double[] transitions,
      double maxTransition,
      double[] gradient) {
    int labels = packed.labels;
    Mat counts = ops.zeros(labels, labels);
    if (packed.maxLength() > 1) {
      Mat left = ops.zeros(packed.tokens(), labels);
      ops.copy(messages.alpha, left);
      messages.subtractColumn(messages.forwardLogSums, left);
      ops.map(UnaryFunction.EXP, left, left);
      // Rows from position 1 on: shift = log Z - (log-sum-exp of the previous forward message)
      // - max A, and right = exp(s + beta - shift).
      int first = packed.start(1);
      Mat shift = ops.zeros(packed.tokens() - first, 1);
      for (int t = 1; t < packed.maxLength(); t++) {
        ops.copyRange(messages.forwardLogSums, packed.start(t - 1), shift,
            packed.start(t) - first, packed.running(t));
      }
      ops.axpby(1, messages.rowsFrom(messages.rowLogPartitions, first), -1, shift, shift);
      ops.affine(shift, 1, -maxTransition, shift);
      Mat right = ops.zeros(packed.tokens() - first, labels);
      ops.axpby(1, messages.rowsFrom(messages.scores, first), 1,
          messages.rowsFrom(messages.beta, first), right);
      messages.subtractColumn(shift, right);
      ops.map(UnaryFunction.EXP, right, right);
      for (int t = 1; t < packed.maxLength(); t++) {
        int running = packed.running(t);
        ops.gemm(1, messages.prefix(left, t - 1, running), true,
            ops.view(right, (packed.start(t) - first) * labels, running, labels), false, 1, counts);
      }
    }
    double[] summed = ops.toHost(counts);
    int base = model.transitionIndex(0, 0);
    for (int k = 0; k < summed.length; k++) {
      gradient[base + k] -= summed[k] * Math.exp(transitions[k] - maxTransition);
    }
  }

  private static void subtract(double[] values, int from, double[] target, int to, int count) {
    for (int k = 0; k < count; k++) {
      target[to + k] -= values[from + k];
    }
  }

  private static double[] transpose(double[] square, int n) {
    double[] result = new double[square.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        result[j * n + i] = square[i * n + j];
      }
    }
    return result;
  }
}
