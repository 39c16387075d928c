package org.ebmbench.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.ProductSum;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.DirectionalDerivatives;
import org.ebmbench.model.Domain;
import org.ebmbench.model.ParameterSharing;
import org.ebmbench.model.ScoreMatchable;
import org.ebmbench.model.WeightedParameterGradient;
import org.ebmbench.random.RandomStream;

/**
 * A multilayer perceptron energy f(x) = w . h_H(x) + c on R^d, with hidden layers h_l = phi(h_{l-1}
 * W_l + b_l), h_0 = x, and a smooth activation phi ({@link Activation}). Widths are given input to
 * output, for example 2-128-128-1: the last must be 1.
 *
 * <p>Theta packs, layer by layer from the input, each weight matrix W_l (fan-in x fan-out,
 * row-major) followed by its bias b_l; the output layer's w (width x 1) and c come last.
 *
 * <p>Every derivative is a hand-derived batched pass over Ops (see docs/ARCHITECTURE.md, "Neural
 * energies"): a forward pass carries, beside the activations, tangents t = dh/dx . v and second
 * tangents s = v^T (d^2 h / dx^2) v along blocks of directions v (forward mode, the Hessian never
 * formed), and one reverse pass returns the Theta-gradient of any weighted sum of f, v . grad f and
 * v^T H v. The score-matching objective is the case of the d unit directions (grad f's squared norm
 * is the sum of the squared directional derivatives, the Laplacian the sum of the curvatures), the
 * sliced one of random directions, the denoising one of a first-order block along the residual.
 *
 * <p>Buffers are kept per batch size (the three most recent), so a training loop allocates
 * nothing after its first step; f, grad f, the Laplacian and the Theta-gradients of f take inputs
 * of any size in slices of {@value #MAX_ROWS} rows. Not safe for concurrent use; {@link #copy()}
 * for another thread, or {@link #sharingParameters()} for another part of the same batch.
 */
public final class MlpEnergy
    implements ScoreMatchable, DirectionalDerivatives, WeightedParameterGradient,
        ParameterSharing {
  /** Direction blocks per pass: bounds the buffers (each block holds ~8 activations per layer). */
  private static final int CHUNK = 8;

  /** Batch sizes whose buffers are kept (a training batch, an evaluation set, grid slices). */
  private static final int KEPT_WORKSPACES = 3;

  /**
   * Rows per pass of the row-wise methods (f, grad f, the Laplacian, the Theta-gradients of f):
   * larger inputs go through in slices, so a 256 x 256 quadrature grid needs tens of megabytes of
   * buffers, not gigabytes.
   */
  static final int MAX_ROWS = 4096;

  private final Ops ops;
  private final int[] widths;
  private final Activation activation;
  private final Mat parameters;

  /** The last layer's index: layers 0..top-1 are hidden (activated), layer top gives f. */
  private final int top;

  private final Mat[] weight;
  private final Mat[] bias;
  private final Mat[] weightGradient;
  private final Mat[] biasGradient;
  private final int[] weightOffset;

  /** The output layer's weights w (width x 1) read as a 1 x width row: the same storage. */
  private final Mat outputRow;

  private final Map<Integer, Workspace> workspaces =
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Workspace> eldest) {
          return size() > KEPT_WORKSPACES;
        }
      };

  private MlpEnergy(Ops ops, int[] widths, Activation activation, double[] theta) {
    this(ops, widths, activation, ops.fromHost(theta.length, 1, theta));
  }

  /** A network on the live parameter vector {@code parameters}, with buffers of its own. */
  private MlpEnergy(Ops ops, int[] widths, Activation activation, Mat parameters) {
    this.ops = ops;
    this.widths = widths.clone();
    this.activation = activation;
    this.top = widths.length - 2;
    this.parameters = parameters;
    int layers = top + 1;
    weight = new Mat[layers];
    bias = new Mat[layers];
    weightGradient = new Mat[layers];
    biasGradient = new Mat[layers];
    weightOffset = new int[layers];
    int offset = 0;
    for (int l = 0; l < layers; l++) {
      weight[l] = ops.zeros(widths[l], widths[l + 1]);
      bias[l] = ops.zeros(1, widths[l + 1]);
      // The output layer's gradient (width x 1) is accumulated as a row (same element order).
      weightGradient[l] = l == top ? ops.zeros(1, widths[l]) : ops.zeros(widths[l], widths[l + 1]);
      biasGradient[l] = ops.zeros(1, widths[l + 1]);
      weightOffset[l] = offset;
      offset += widths[l] * widths[l + 1] + widths[l + 1];
    }
    outputRow = ops.view(weight[top], 0, 1, widths[top]);
  }

  /**
   * A network with PyTorch's default initialisation: every weight and bias of a layer with fan-in
   * m drawn uniformly from [-1/sqrt(m), 1/sqrt(m)], from {@code stream}.
   *
   * @param widths input dimension, hidden widths, then 1 (at least one hidden layer)
   * @throws IllegalArgumentException if the widths do not describe such a network
   */
  public static MlpEnergy initialized(
      Ops ops, int[] widths, Activation activation, RandomStream stream) {
    int count = parameterCount(widths);
    double[] theta = new double[count];
    int p = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      double bound = 1.0 / Math.sqrt(widths[l]);
      int size = widths[l] * widths[l + 1] + widths[l + 1];
      for (int i = 0; i < size; i++) {
        theta[p++] = bound * (2.0 * stream.nextDouble() - 1.0);
      }
    }
    return new MlpEnergy(ops, widths, activation, theta);
  }

  /**
   * A network with the given packed parameters (layout in the class comment).
   *
   * @throws IllegalArgumentException if the widths are invalid or theta has the wrong length
   */
  public static MlpEnergy fromParameters(
      Ops ops, int[] widths, Activation activation, double[] theta) {
    int count = parameterCount(widths);
    if (theta.length != count) {
      throw new IllegalArgumentException(
          "mlp(" + describeWidths(widths) + "): theta has " + theta.length + " entries, expected "
              + count);
    }
    return new MlpEnergy(ops, widths, activation, theta);
  }

  /**
   * The number of parameters of a network with these widths.
   *
   * @throws IllegalArgumentException unless there are at least three widths, all positive, the
   *     last 1
   */
  public static int parameterCount(int[] widths) {
    if (widths.length < 3 || widths[widths.length - 1] != 1) {
      throw new IllegalArgumentException(
          "mlp widths must be input, at least one hidden width, then 1; got "
              + describeWidths(widths));
    }
    long count = 0;
    for (int l = 0; l + 1 < widths.length; l++) {
      if (widths[l] < 1) {
        throw new IllegalArgumentException(
            "mlp width " + l + " must be >= 1 in " + describeWidths(widths));
      }
      count += (long) widths[l] * widths[l + 1] + widths[l + 1];
    }
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("mlp " + describeWidths(widths) + " is too large");
    }
    return (int) count;
  }

  private static String describeWidths(int[] widths) {
    return Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining("-"));
  }

  /** The widths, input to output. */
  public int[] widths() {
    return widths.clone();
  }

  public Activation activation() {
    return activation;
  }

  @Override
  public String describe() {
    return "mlp(" + describeWidths(widths) + "," + activation.label() + ")";
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
    return widths[0];
  }

  @Override
  public int parameterCount() {
    return parameters.rows();
  }

  @Override
  public Mat parameters() {
    return parameters;
  }

  @Override
  public MlpEnergy copy() {
    return new MlpEnergy(ops, widths, activation, ops.toHost(parameters));
  }

  /** Reads this network's live parameters; the layer matrices and buffers are its own. */
  @Override
  public MlpEnergy sharingParameters() {
    return new MlpEnergy(ops, widths, activation, parameters);
  }

  // ---- values and derivatives in x -----------------------------------------------------------

  @Override
  public void logDensityUnnormalized(Mat x, Mat out) {
    requireOutput(x, out, 1, "f");
    forRowSlices(
        x,
        "f",
        (w, slice, first, rows) -> {
          forwardPrimal(w, slice, 0);
          ops.copyRange(w.a[top], 0, out, first, rows);
        });
  }

  @Override
  public void gradientX(Mat x, Mat out) {
    requireOutput(x, out, x.cols(), "gradientX");
    int d = x.cols();
    forRowSlices(
        x,
        "gradientX",
        (w, slice, first, rows) -> {
          forwardPrimal(w, slice, 1);
          backwardScore(w, w.score);
          ops.copyRange(w.score, 0, out, first * d, rows * d);
        });
  }

  /** grad f into {@code out} by back-propagation, after {@link #forwardPrimal} (order >= 1). */
  private void backwardScore(Workspace w, Mat out) {
    ops.copy(w.ones, w.abar[top]);
    for (int l = top; l > 0; l--) {
      Mat[] hbar = backpropagate(l, w.abar[l], w.hbar[l - 1]);
      ops.productSum(ProductSum.of(1.0, with(hbar, w.d1[l - 1])), w.abar[l - 1]);
    }
    ops.gemm(1.0, w.abar[0], false, weight[0], true, 0.0, out);
  }

  /**
   * The tangent of {@link #gradientX}'s reverse pass along v: the same backward recursion, with
   * the derivative of its element-wise factor phi'(a) along v (phi''(a) times a's tangent).
   */
  @Override
  public void hessianVectorProduct(Mat x, Mat v, Mat out) {
    Workspace w = prepare(x, "hessianVectorProduct", x.rows());
    requireOutput(x, v, x.cols(), "hessianVectorProduct: v");
    requireOutput(x, out, x.cols(), "hessianVectorProduct: out");
    forwardPrimal(w, x, 2);
    forwardTangents(w, List.of(new Block(v, -1, false)));
    Buffers b = w.block(0, false);
    ops.copy(w.ones, w.abar[top]);
    for (int l = top; l > 0; l--) {
      int k = l - 1;
      Mat[] hbar = backpropagate(l, w.abar[l], w.hbar[k]);
      // tabar = hbar * phi'' * ta + tbar * phi', where tbar is 0 at the top (the output is linear)
      ProductSum tabar = ProductSum.of(1.0, with(hbar, w.d2[k], b.ta[k]));
      if (l < top) {
        tabar = tabar.plus(1.0, with(backpropagate(l, b.tabar[l], b.tbar[k]), w.d1[k]));
      }
      ops.productSum(ProductSum.of(1.0, with(hbar, w.d1[k])), w.abar[k]);
      ops.productSum(tabar, b.tabar[k]);
    }
    ops.gemm(1.0, b.tabar[0], false, weight[0], true, 0.0, out);
  }

  /** The sum over the unit directions e_k of the curvatures e_k^T H e_k. */
  @Override
  public void laplacianX(Mat x, Mat out) {
    requireOutput(x, out, 1, "laplacianX");
    forRowSlices(
        x,
        "laplacianX",
        (w, slice, first, rows) -> {
          ops.fill(0.0, w.column);
          forwardPrimal(w, slice, 2);
          for (List<Block> chunk : chunks(unitBlocks())) {
            forwardTangents(w, chunk);
            for (int b = 0; b < chunk.size(); b++) {
              ops.axpby(1.0, w.column, 1.0, w.block(b, true).sa[top], w.column);
            }
          }
          ops.copyRange(w.column, 0, out, first, rows);
        });
  }

  // ---- Theta-gradients -----------------------------------------------------------------------

  @Override
  public void meanParameterGradient(Mat x, Mat out) {
    parameterGradient(x, null, 1.0 / x.rows(), out, "meanParameterGradient");
  }

  /**
   * sum_i weights_i grad_Theta f(x_i) into {@code out} (P x 1): the mean gradient with weights
   * 1/n, or an expectation under a distribution given by its weights on the rows (a grid).
   *
   * @param weights n x 1, one weight per row of x
   */
  @Override
  public void weightedParameterGradient(Mat x, Mat weights, Mat out) {
    requireOutput(x, weights, 1, "weightedParameterGradient: weights");
    parameterGradient(x, weights, 0.0, out, "weightedParameterGradient");
  }

  /** sum_i weight_i grad_Theta f(x_i), the weights given or (weights null) all {@code uniform}. */
  private void parameterGradient(Mat x, Mat weights, double uniform, Mat out, String what) {
    clearGradient();
    forRowSlices(
        x,
        what,
        (w, slice, first, rows) -> {
          // Padded rows of a slice get weight 0.
          if (weights == null) {
            ops.fill(uniform, w.column);
            if (rows < w.n) {
              ops.copyRange(w.zeroColumn, 0, w.column, rows, w.n - rows);
            }
          } else if (slice == x) {
            ops.copy(weights, w.column);
          } else {
            ops.fill(0.0, w.column);
            ops.copyRange(weights, first, w.column, 0, rows);
          }
          forwardPrimal(w, slice, 1);
          reverse(w, slice, w.column, List.of(), 0, null);
        });
    packGradient(out);
  }

  /**
   * J = mean_i [ |grad f(x_i)|^2 / 2 + Laplacian f(x_i) ] = mean_i sum_k [ (e_k . grad f)^2 / 2 +
   * e_k^T H e_k ], the d unit directions as blocks with weights alpha = (e_k . grad f) / n, beta = 1
   * / n. Its cost grows with d: one tangent and one curvature stream per input coordinate.
   */
  @Override
  public double scoreMatchingObjective(Mat x, Mat gradientOut) {
    Workspace w = prepare(x, "scoreMatchingObjective", x.rows());
    double n = x.rows();
    double[] objective = {0.0};
    DirectionWeights weights =
        (block, v, first, curvature, alpha, beta) -> {
          ops.multiply(first, first, alpha);
          objective[0] += (0.5 * ops.sum(alpha) + ops.sum(curvature)) / n;
          ops.affine(first, 1.0 / n, 0.0, alpha);
          ops.fill(1.0 / n, beta);
        };
    clearGradient();
    forwardPrimal(w, x, 3);
    int done = 0;
    for (List<Block> chunk : chunks(unitBlocks())) {
      forwardTangents(w, chunk);
      reverse(w, x, null, chunk, done, weights);
      done += chunk.size();
    }
    packGradient(gradientOut);
    return objective[0];
  }

  @Override
  public void directionalParameterGradient(
      Mat x, List<Direction> directions, DirectionWeights weights, Mat gradientOut) {
    Workspace w = prepare(x, "directionalParameterGradient", x.rows());
    boolean curvature = false;
    boolean usesScore = false;
    for (Direction d : directions) {
      Mat offset = d.offset();
      if (offset != null && (offset.rows() != x.rows() || offset.cols() != x.cols())) {
        throw new IllegalArgumentException(
            describe() + ": directions " + offset.rows() + " x " + offset.cols() + " do not fit x "
                + x.rows() + " x " + x.cols());
      }
      curvature |= d.curvature();
      usesScore |= d.scoreWeight() != 0.0;
    }
    clearGradient();
    forwardPrimal(w, x, curvature ? 3 : 2);
    if (usesScore) {
      backwardScore(w, w.score);
    }
    List<Block> all = new ArrayList<>(directions.size());
    for (int i = 0; i < directions.size(); i++) {
      Direction d = directions.get(i);
      Mat v = d.offset();
      if (d.scoreWeight() != 0.0) {
        v = w.direction(i);
        if (d.offset() == null) {
          ops.affine(w.score, d.scoreWeight(), 0.0, v);
        } else {
          ops.axpby(d.scoreWeight(), w.score, 1.0, d.offset(), v);
        }
      }
      all.add(new Block(v, -1, d.curvature()));
    }
    int done = 0;
    for (List<Block> chunk : chunks(all)) {
      forwardTangents(w, chunk);
      reverse(w, x, null, chunk, done, weights);
      done += chunk.size();
    }
    packGradient(gradientOut);
  }

  // ---- the passes ----------------------------------------------------------------------------

  /** A block of directions: the rows of v, or (v null) the unit vector along {@code axis}. */
  private record Block(Mat v, int axis, boolean curvature) {}

  private List<Block> unitBlocks() {
    List<Block> blocks = new ArrayList<>(dimension());
    for (int k = 0; k < dimension(); k++) {
      blocks.add(new Block(null, k, true));
    }
    return blocks;
  }

  private static List<List<Block>> chunks(List<Block> blocks) {
    List<List<Block>> chunks = new ArrayList<>();
    for (int from = 0; from < blocks.size(); from += CHUNK) {
      chunks.add(blocks.subList(from, Math.min(blocks.size(), from + CHUNK)));
    }
    return chunks;
  }

  /** Activations a_l (pre) and h_l (post), with phi's derivatives up to {@code order}. */
  private void forwardPrimal(Workspace w, Mat x, int order) {
    Mat input = x;
    for (int l = 0; l <= top; l++) {
      ops.gemm(1.0, input, false, weight[l], false, 0.0, w.a[l]);
      ops.addRowVector(w.a[l], bias[l], w.a[l]);
      if (l < top) {
        ops.activate(activation.function(), order, w.a[l], w.h[l], w.d1[l], w.d2[l], w.d3[l]);
        input = w.h[l];
      }
    }
  }

  /**
   * For each block, after {@link #forwardPrimal} (order >= 2), the tangents ta_l, t_l and
   * (curvature blocks) second tangents sa_l, s_l:
   *
   * <pre>
   *   ta_l = t_{l-1} W_l,  t_l = phi'(a_l) ta_l,  t_{-1} = v
   *   sa_l = s_{l-1} W_l,  s_l = phi'(a_l) sa_l + phi''(a_l) ta_l^2,  s_{-1} = 0
   * </pre>
   *
   * so at the output ta_top = v . grad f and sa_top = v^T H v.
   */
  private void forwardTangents(Workspace w, List<Block> blocks) {
    for (int l = 0; l <= top; l++) {
      for (int b = 0; b < blocks.size(); b++) {
        Block block = blocks.get(b);
        Buffers buf = w.block(b, block.curvature);
        if (l > 0) {
          ops.gemm(1.0, buf.t[l - 1], false, weight[l], false, 0.0, buf.ta[l]);
          if (block.curvature) {
            ops.gemm(1.0, buf.s[l - 1], false, weight[l], false, 0.0, buf.sa[l]);
          }
        } else if (block.v != null) {
          ops.gemm(1.0, block.v, false, weight[0], false, 0.0, buf.ta[0]);
        } else {
          // e_k W_0 is row k of W_0, the same for every example.
          ops.copyRange(weight[0], block.axis * widths[1], w.row, 0, widths[1]);
          ops.productSum(ProductSum.of(1.0, w.row), buf.ta[0]);
        }
        if (l == top) {
          continue;
        }
        ops.productSum(ProductSum.of(1.0, w.d1[l], buf.ta[l]), buf.t[l]);
        if (block.curvature) {
          ProductSum s = ProductSum.of(1.0, buf.ta[l], buf.ta[l], w.d2[l]);
          ops.productSum(l > 0 ? s.plus(1.0, w.d1[l], buf.sa[l]) : s, buf.s[l]);
        }
      }
    }
  }

  /**
   * Adds to the gradient buffers the Theta-gradient of sum_i fbar_i f(x_i) (when fbar is not null)
   * plus, for each block, sum_i alpha_i ta_top + beta_i sa_top with the weights from {@code
   * weights}; after {@link #forwardPrimal} with order 3 (2 without curvature blocks, 1 without
   * blocks) and {@link #forwardTangents}.
   * The adjoints (bars) of the forward recursion, per hidden layer, are
   *
   * <pre>
   *   tabar = tbar phi' + 2 sbar phi'' ta,   sabar = sbar phi'
   *   abar  = hbar phi' + sum_blocks [ tbar phi'' ta + sbar (phi'' sa + phi''' ta^2) ]
   * </pre>
   *
   * and each linear layer passes them back through W^T and collects input^T bar into W's gradient.
   */
  private void reverse(
      Workspace w, Mat x, Mat fbar, List<Block> blocks, int firstBlock, DirectionWeights weights) {
    boolean primal = fbar != null;
    if (primal) {
      ops.copy(fbar, w.abar[top]);
    }
    for (int b = 0; b < blocks.size(); b++) {
      Block block = blocks.get(b);
      Buffers buf = w.block(b, block.curvature);
      weights.weigh(
          firstBlock + b,
          block.v,
          buf.ta[top],
          block.curvature ? buf.sa[top] : null,
          buf.tabar[top],
          block.curvature ? buf.sabar[top] : null);
    }
    for (int l = top; l >= 0; l--) {
      Mat input = l == 0 ? x : w.h[l - 1];
      if (primal) {
        accumulateWeightGradient(l, input, w.abar[l]);
        ops.columnSums(w.abar[l], w.biasRow[l]);
        ops.axpby(1.0, biasGradient[l], 1.0, w.biasRow[l], biasGradient[l]);
      }
      for (int b = 0; b < blocks.size(); b++) {
        Block block = blocks.get(b);
        Buffers buf = w.block(b, block.curvature);
        if (l > 0) {
          accumulateWeightGradient(l, buf.t[l - 1], buf.tabar[l]);
          if (block.curvature) {
            accumulateWeightGradient(l, buf.s[l - 1], buf.sabar[l]);
          }
        } else if (block.v != null) {
          accumulateWeightGradient(0, block.v, buf.tabar[0]);
        } else {
          // e_k^T tabar adds tabar's column sums to row k.
          int m = widths[1];
          ops.columnSums(buf.tabar[0], w.biasRow[0]);
          ops.copyRange(weightGradient[0], block.axis * m, w.row, 0, m);
          ops.axpby(1.0, w.row, 1.0, w.biasRow[0], w.row);
          ops.copyRange(w.row, 0, weightGradient[0], block.axis * m, m);
        }
      }
      if (l == 0) {
        break;
      }
      int k = l - 1;
      // One pass for abar, one for each block's tabar and sabar; the adjoints of layer k's
      // outputs (hbar, tbar, sbar) enter as factors, unformed at the top (a column times w's row).
      ProductSum abar = primal
          ? ProductSum.of(1.0, with(backpropagate(l, w.abar[l], w.hbar[k]), w.d1[k]))
          : null;
      for (int b = 0; b < blocks.size(); b++) {
        Block block = blocks.get(b);
        Buffers buf = w.block(b, block.curvature);
        Mat[] tbar = backpropagate(l, buf.tabar[l], buf.tbar[k]);
        abar = plus(abar, with(tbar, buf.ta[k], w.d2[k]));
        ProductSum tabar = ProductSum.of(1.0, with(tbar, w.d1[k]));
        if (block.curvature) {
          Mat[] sbar = backpropagate(l, buf.sabar[l], buf.sbar[k]);
          // abar += sbar (phi''' ta^2 + phi'' sa) and tabar += 2 sbar phi'' ta; sa is 0 at the
          // first layer, and sabar is not needed there.
          abar = plus(abar, with(sbar, buf.ta[k], buf.ta[k], w.d3[k]));
          if (k > 0) {
            abar = abar.plus(1.0, with(sbar, buf.sa[k], w.d2[k]));
            ops.productSum(ProductSum.of(1.0, with(sbar, w.d1[k])), buf.sabar[k]);
          }
          tabar = tabar.plus(2.0, with(sbar, w.d2[k], buf.ta[k]));
        }
        ops.productSum(tabar, buf.tabar[k]);
      }
      if (abar == null) {
        ops.fill(0.0, w.abar[k]);
      } else {
        ops.productSum(abar, w.abar[k]);
      }
      primal = true;
    }
  }

  /**
   * Adds input^T bar to layer l's weight gradient; the output layer's (bar n x 1) as the row bar^T
   * input.
   */
  private void accumulateWeightGradient(int l, Mat input, Mat bar) {
    if (l == top) {
      ops.gemm(1.0, bar, true, input, false, 1.0, weightGradient[top]);
    } else {
      ops.gemm(1.0, input, true, bar, false, 1.0, weightGradient[l]);
    }
  }

  /**
   * bar W_l^T as the factors of a {@link ProductSum}: through the output layer (bar n x 1) the
   * column bar and the row w^T, never formed (every use of it is element-wise); below it the
   * product itself, written into {@code out}.
   */
  private Mat[] backpropagate(int l, Mat bar, Mat out) {
    if (l == top) {
      return new Mat[] {bar, outputRow};
    }
    ops.gemm(1.0, bar, false, weight[l], true, 0.0, out);
    return new Mat[] {out};
  }

  /** The factors {@code first} followed by {@code rest}. */
  private static Mat[] with(Mat[] first, Mat... rest) {
    Mat[] all = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  /** {@code sum} plus the product of {@code factors}, or that product alone if sum is null. */
  private static ProductSum plus(ProductSum sum, Mat[] factors) {
    return sum == null ? ProductSum.of(1.0, factors) : sum.plus(1.0, factors);
  }

  private void clearGradient() {
    for (int l = 0; l <= top; l++) {
      ops.fill(0.0, weightGradient[l]);
      ops.fill(0.0, biasGradient[l]);
    }
  }

  private void packGradient(Mat out) {
    if (out.rows() != parameterCount() || out.cols() != 1) {
      throw new IllegalArgumentException(
          describe() + ": gradient " + out.rows() + " x " + out.cols() + " must be "
              + parameterCount() + " x 1");
    }
    for (int l = 0; l <= top; l++) {
      int size = widths[l] * widths[l + 1];
      ops.copyRange(weightGradient[l], 0, out, weightOffset[l], size);
      ops.copyRange(biasGradient[l], 0, out, weightOffset[l] + size, widths[l + 1]);
    }
  }

  /** One pass over a slice of at most {@link #MAX_ROWS} rows of x, starting at row first. */
  @FunctionalInterface
  private interface SlicePass {
    /**
     * @param slice x itself, or a copy of its rows [first, first + rows) padded with zero rows
     */
    void run(Workspace w, Mat slice, int first, int rows);
  }

  /**
   * Runs {@code pass} on x, or on slices of {@link #MAX_ROWS} rows when x has more (a quadrature
   * grid), so the buffers stay bounded: one workspace serves every slice, the last padded with
   * zero rows whose results the pass ignores.
   */
  private void forRowSlices(Mat x, String what, SlicePass pass) {
    Workspace w = prepare(x, what, Math.min(x.rows(), MAX_ROWS));
    int n = x.rows();
    if (n <= MAX_ROWS) {
      pass.run(w, x, 0, n);
      return;
    }
    int d = x.cols();
    for (int first = 0; first < n; first += MAX_ROWS) {
      int rows = Math.min(MAX_ROWS, n - first);
      if (rows < MAX_ROWS) {
        ops.fill(0.0, w.slice);
      }
      ops.copyRange(x, first * d, w.slice, 0, rows * d);
      pass.run(w, w.slice, first, rows);
    }
  }

  private void requireOutput(Mat x, Mat out, int cols, String what) {
    if (out.rows() != x.rows() || out.cols() != cols) {
      throw new IllegalArgumentException(
          describe() + " " + what + ": " + out.rows() + " x " + out.cols() + " does not fit x "
              + x.rows() + " x " + x.cols() + " (needs " + x.rows() + " x " + cols + ")");
    }
  }

  /**
   * Checks x, reads the live parameters into the layer matrices, and returns the buffers for
   * batches of {@code rows} rows.
   */
  private Workspace prepare(Mat x, String what, int rows) {
    Capabilities.requireRowsOf(this, x, describe() + " " + what + ": x");
    for (int l = 0; l <= top; l++) {
      int size = widths[l] * widths[l + 1];
      ops.copyRange(parameters, weightOffset[l], weight[l], 0, size);
      ops.copyRange(parameters, weightOffset[l] + size, bias[l], 0, widths[l + 1]);
    }
    return workspaces.computeIfAbsent(rows, Workspace::new);
  }

  /** The buffers for one batch size n; block buffers are made when first used. */
  private final class Workspace {
    final int n;
    final Mat[] a;
    final Mat[] h;
    final Mat[] d1;
    final Mat[] d2;
    final Mat[] d3;
    final Mat[] abar;
    final Mat[] hbar;
    final Mat[] biasRow;
    final Mat row;
    final Mat ones;
    final Mat column;
    final Mat zeroColumn;
    final Mat slice;
    final Mat score;
    final List<Mat> directions = new ArrayList<>();
    final List<Buffers> first = new ArrayList<>();
    final List<Buffers> curved = new ArrayList<>();

    Workspace(int n) {
      this.n = n;
      int layers = top + 1;
      a = new Mat[layers];
      abar = new Mat[layers];
      biasRow = new Mat[layers];
      h = new Mat[top];
      d1 = new Mat[top];
      d2 = new Mat[top];
      d3 = new Mat[top];
      hbar = new Mat[top];
      for (int l = 0; l < layers; l++) {
        int m = widths[l + 1];
        a[l] = ops.zeros(n, m);
        abar[l] = ops.zeros(n, m);
        biasRow[l] = ops.zeros(1, m);
        if (l < top) {
          h[l] = ops.zeros(n, m);
          d1[l] = ops.zeros(n, m);
          d2[l] = ops.zeros(n, m);
          d3[l] = ops.zeros(n, m);
          hbar[l] = ops.zeros(n, m);
        }
      }
      row = ops.zeros(1, widths[1]);
      ones = ops.zeros(n, 1);
      ops.fill(1.0, ones);
      column = ops.zeros(n, 1);
      zeroColumn = ops.zeros(n, 1);
      slice = ops.zeros(n, widths[0]);
      score = ops.zeros(n, widths[0]);
    }

    /** A buffer for the i-th direction block formed from the score. */
    Mat direction(int i) {
      while (directions.size() <= i) {
        directions.add(ops.zeros(n, widths[0]));
      }
      return directions.get(i);
    }

    /** The buffers of block b in a pass (with or without the curvature streams). */
    Buffers block(int b, boolean curvature) {
      List<Buffers> list = curvature ? curved : first;
      while (list.size() <= b) {
        list.add(new Buffers(n, curvature));
      }
      return list.get(b);
    }
  }

  /** One block's tangents and their adjoints, per layer (curvature streams null without). */
  private final class Buffers {
    final Mat[] ta;
    final Mat[] t;
    final Mat[] tabar;
    final Mat[] tbar;
    final Mat[] sa;
    final Mat[] s;
    final Mat[] sabar;
    final Mat[] sbar;

    Buffers(int n, boolean curvature) {
      int layers = top + 1;
      ta = new Mat[layers];
      tabar = new Mat[layers];
      t = new Mat[top];
      tbar = new Mat[top];
      sa = curvature ? new Mat[layers] : null;
      sabar = curvature ? new Mat[layers] : null;
      s = curvature ? new Mat[top] : null;
      sbar = curvature ? new Mat[top] : null;
      for (int l = 0; l < layers; l++) {
        int m = widths[l + 1];
        ta[l] = ops.zeros(n, m);
        tabar[l] = ops.zeros(n, m);
        if (curvature) {
          sa[l] = ops.zeros(n, m);
          sabar[l] = ops.zeros(n, m);
        }
        if (l < top) {
          t[l] = ops.zeros(n, m);
          tbar[l] = ops.zeros(n, m);
          if (curvature) {
            s[l] = ops.zeros(n, m);
            sbar[l] = ops.zeros(n, m);
          }
        }
      }
    }
  }
}
