package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ebmbench.engine.ActivationFunction;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.ProductSum;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Ops} method against a naive reference written here with plain loops, plus its shape
 * errors and the determinism and moments of its random draws.
 *
 * <p>References are computed from the values the engine actually stores ({@link Ops#toHost}), so a
 * float engine is judged on its arithmetic, not on the rounding of the inputs. A result is compared
 * relatively with {@code roundOff} times the size of what was summed to produce it (the usual bound
 * for a sum or dot product), so an exact zero must come out exactly zero.
 */
public abstract class OpsContract extends EngineContract {
  /**
   * Moment checks allow 5 standard errors: a correct engine fails one with probability ~6e-7, and
   * the seeds are fixed.
   */
  private static final double STANDARD_ERRORS = 5.0;

  // ---- creation and transfer -------------------------------------------------------------------

  @Test
  void zerosFromHostAndToHost() {
    Mat zeros = ops().zeros(2, 3);
    assertThat(zeros.rows()).isEqualTo(2);
    assertThat(zeros.cols()).isEqualTo(3);
    assertThat(ops().toHost(zeros)).containsExactly(0, 0, 0, 0, 0, 0);
    double[] values = {0.5, -1.25, 3, 0, 7, -8};
    Mat m = ops().fromHost(3, 2, values);
    double[] back = ops().toHost(m);
    assertThat(back).containsExactly(values);
    back[0] = 99;
    assertThat(ops().toHost(m)[0]).as("toHost returns a copy").isEqualTo(0.5);
    assertThatThrownBy(() -> ops().fromHost(2, 3, new double[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 x 3")
        .hasMessageContaining("5");
  }

  @Test
  void copyAndFill() {
    Mat src = random(3, 4, 1);
    Mat out = ops().zeros(3, 4);
    ops().copy(src, out);
    assertThat(ops().toHost(out)).containsExactly(ops().toHost(src));
    ops().fill(-2.5, out);
    assertThat(ops().toHost(out)).containsOnly(-2.5);
  }

  @Test
  void getAndSetColumns() {
    Mat src = random(3, 5, 2);
    double[] s = ops().toHost(src);
    Mat narrow = ops().zeros(3, 2);
    ops().getColumns(src, 1, narrow);
    assertThat(ops().toHost(narrow)).containsExactly(s[1], s[2], s[6], s[7], s[11], s[12]);

    Mat wide = random(3, 5, 3);
    double[] expected = ops().toHost(wide);
    double[] n = ops().toHost(narrow);
    for (int r = 0; r < 3; r++) {
      expected[r * 5 + 3] = n[r * 2];
      expected[r * 5 + 4] = n[r * 2 + 1];
    }
    ops().setColumns(narrow, 3, wide);
    assertThat(ops().toHost(wide)).containsExactly(expected);
  }

  @Test
  void gatherRowsInAnyOrderWithRepeats() {
    Mat src = random(3, 4, 4);
    double[] s = ops().toHost(src);
    Mat out = ops().zeros(4, 4);
    int[] rows = {2, 0, 2, 1};
    ops().gatherRows(src, rows, out);
    double[] expected = new double[16];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(s, rows[i] * 4, expected, i * 4, 4);
    }
    assertThat(ops().toHost(out)).containsExactly(expected);
    assertThatThrownBy(() -> ops().gatherRows(src, new int[] {0, 3, 1, 1}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 x 4");
  }

  @Test
  void copyRangeAcrossShapes() {
    Mat packed = random(10, 1, 5);
    double[] p = ops().toHost(packed);
    Mat matrix = ops().zeros(2, 3);
    ops().copyRange(packed, 2, matrix, 0, 6);
    assertThat(ops().toHost(matrix)).containsExactly(Arrays.copyOfRange(p, 2, 8));
    Mat back = random(10, 1, 6);
    double[] expected = ops().toHost(back);
    double[] m = ops().toHost(matrix);
    System.arraycopy(m, 1, expected, 7, 3);
    ops().copyRange(matrix, 1, back, 7, 3);
    assertThat(ops().toHost(back)).containsExactly(expected);
    assertThatThrownBy(() -> ops().copyRange(packed, 5, matrix, 0, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 x 1")
        .hasMessageContaining("2 x 3");
    assertThatThrownBy(() -> ops().copyRange(matrix, 0, matrix, 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void viewSharesStorageBothWays() {
    Mat packed = random(12, 1, 7);
    double[] p = ops().toHost(packed);
    Mat window = ops().view(packed, 3, 2, 3);
    assertThat(window.rows()).isEqualTo(2);
    assertThat(window.cols()).isEqualTo(3);
    assertThat(ops().toHost(window)).containsExactly(Arrays.copyOfRange(p, 3, 9));
    // Writes through the view land in the packed vector, and the other way round.
    ops().fill(2.5, window);
    Arrays.fill(p, 3, 9, 2.5);
    assertThat(ops().toHost(packed)).containsExactly(p);
    ops().copyRange(random(1, 1, 8), 0, packed, 4, 1);
    assertThat(ops().toHost(window)[1]).isEqualTo(ops().toHost(packed)[4]);
    // A product written into a view, and a view of a view.
    Mat a = random(2, 4, 9);
    Mat b = random(4, 3, 10);
    ops().gemm(1.0, a, false, b, false, 0.0, window);
    Mat direct = ops().zeros(2, 3);
    ops().gemm(1.0, a, false, b, false, 0.0, direct);
    assertThat(ops().toHost(window)).containsExactly(ops().toHost(direct));
    Mat inner = ops().view(window, 3, 1, 3);
    assertThat(ops().toHost(inner)).containsExactly(Arrays.copyOfRange(ops().toHost(direct), 3, 6));
    assertThat(ops().toHost(packed)[2]).isEqualTo(p[2]);
    assertThat(ops().toHost(packed)[9]).isEqualTo(p[9]);
  }

  @Test
  void viewRejectsAWindowOutsideTheMatrixAndOverlappingGemmOutputs() {
    Mat packed = random(12, 1, 11);
    assertThatThrownBy(() -> ops().view(packed, 7, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 x 3")
        .hasMessageContaining("12 x 1");
    Mat left = ops().view(packed, 0, 2, 2);
    Mat right = ops().view(packed, 2, 2, 2);
    assertThatThrownBy(() -> ops().gemm(1.0, left, false, random(2, 2, 12), false, 0.0, right))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ops().copyRange(left, 0, right, 0, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- gemm ------------------------------------------------------------------------------------

  @Test
  void gemmInAllFourTransposeCases() {
    // Small, and large enough to be split into blocks and threads, with ragged edges.
    int[][] shapes = {{5, 7, 3}, {67, 45, 33}, {1, 9, 1}};
    long seed = 10;
    for (int[] shape : shapes) {
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          checkGemm(shape[0], shape[1], shape[2], ta, tb, 0.7, -1.3, seed++);
          checkGemm(shape[0], shape[1], shape[2], ta, tb, -1.1, 0.0, seed++);
        }
      }
    }
  }

  @Test
  void gemmWithEmptyInnerDimensionScalesC() {
    checkGemm(3, 0, 2, false, false, 1.0, 2.0, 20);
    checkGemm(3, 0, 2, true, true, 1.0, 0.0, 21);
  }

  @Test
  void gemmRejectsAnOutputThatIsAnInput() {
    Mat a = random(3, 3, 22);
    Mat b = random(3, 3, 23);
    assertThatThrownBy(() -> ops().gemm(1.0, a, false, b, false, 0.0, a))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ops().gemm(1.0, a, false, b, false, 0.0, b))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * c = alpha op(a) op(b) + beta c against a triple loop; with beta = 0, c starts as NaN, which
   * must be ignored.
   */
  private void checkGemm(
      int m, int k, int n, boolean ta, boolean tb, double alpha, double beta, long seed) {
    Mat a = ta ? random(k, m, seed) : random(m, k, seed);
    Mat b = tb ? random(n, k, seed + 1000) : random(k, n, seed + 1000);
    Mat c = random(m, n, seed + 2000);
    if (beta == 0.0) {
      ops().fill(Double.NaN, c);
    }
    double[] ha = ops().toHost(a);
    double[] hb = ops().toHost(b);
    double[] hc = ops().toHost(c);
    ops().gemm(alpha, a, ta, b, tb, beta, c);
    double[] actual = ops().toHost(c);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0.0;
        double size = 0.0;
        for (int p = 0; p < k; p++) {
          double term = (ta ? ha[p * m + i] : ha[i * k + p]) * (tb ? hb[j * k + p] : hb[p * n + j]);
          dot += term;
          size += Math.abs(term);
        }
        double old = beta == 0.0 ? 0.0 : beta * hc[i * n + j];
        double expected = alpha * dot + old;
        double scale = Math.abs(alpha) * size + Math.abs(old);
        assertThat(actual[i * n + j])
            .as("gemm %d x %d x %d, ta=%s, tb=%s, beta=%s: c[%d][%d]", m, k, n, ta, tb, beta, i, j)
            .isCloseTo(expected, within(tolerances().roundOff() * scale));
      }
    }
  }

  // ---- element-wise ----------------------------------------------------------------------------

  /**
   * Inputs for each function, inside its domain and the float range; sigmoid and softplus at +-800.
   */
  private static final Map<UnaryFunction, double[]> INPUTS = new EnumMap<>(UnaryFunction.class);

  static {
    double[] saturating = {-800, -40, -5, -0.3, 0, 0.3, 5, 40, 800};
    INPUTS.put(UnaryFunction.EXP, new double[] {-20, -1.5, 0, 0.7, 20});
    INPUTS.put(UnaryFunction.LOG, new double[] {1e-3, 0.5, 1, 2.5, 1e6});
    INPUTS.put(UnaryFunction.SIGMOID, saturating);
    INPUTS.put(UnaryFunction.SOFTPLUS, saturating);
    INPUTS.put(UnaryFunction.TANH, new double[] {-20, -1, -0.2, 0, 0.2, 1, 20});
    INPUTS.put(UnaryFunction.SQUARE, new double[] {-3, -0.5, 0, 2, 1e3});
    INPUTS.put(UnaryFunction.SQRT, new double[] {0, 0.25, 2, 1e6});
    INPUTS.put(UnaryFunction.ABS, new double[] {-3, -0.0, 0, 2.5});
    INPUTS.put(UnaryFunction.RECIPROCAL, new double[] {-4, -0.5, 0.25, 3, 1e3});
  }

  /** Plain references. Sigmoid's 1 / (1 + e^-x) is exact enough and saturates cleanly (1/inf). */
  private static double reference(UnaryFunction f, double x) {
    switch (f) {
      case EXP:
        return Math.exp(x);
      case LOG:
        return Math.log(x);
      case SIGMOID:
        return 1.0 / (1.0 + Math.exp(-x));
      case SOFTPLUS:
        // log(1 + e^x) = x + log(1 + e^-x); past 40, log1p(e^-x) = e^-x to double precision.
        return x > 40 ? x + Math.exp(-x) : Math.log1p(Math.exp(x));
      case TANH:
        return Math.tanh(x);
      case SQUARE:
        return x * x;
      case SQRT:
        return Math.sqrt(x);
      case ABS:
        return Math.abs(x);
      case RECIPROCAL:
        return 1.0 / x;
      default:
        throw new AssertionError("no reference for " + f);
    }
  }

  @Test
  void everyUnaryFunctionMatchesItsReference() {
    assertThat(INPUTS.keySet())
        .as("every function has inputs")
        .containsAll(Arrays.asList(UnaryFunction.values()));
    for (UnaryFunction f : UnaryFunction.values()) {
      double[] inputs = INPUTS.get(f);
      Mat x = ops().fromHost(1, inputs.length, inputs);
      double[] stored = ops().toHost(x);
      Mat out = ops().zeros(1, inputs.length);
      ops().map(f, x, out);
      double[] actual = ops().toHost(out);
      for (int i = 0; i < inputs.length; i++) {
        double expected = reference(f, stored[i]);
        assertThat(actual[i])
            .as("%s(%s)", f, stored[i])
            .isCloseTo(expected, within(tolerances().roundOff() * Math.abs(expected)));
      }
      ops().map(f, x, x);
      assertThat(ops().toHost(x)).as("%s in place", f).containsExactly(actual);
    }
  }

  /**
   * phi^(k)(x) for k = 0..3, written with t = tanh(x / 2) (s = (1 + t) / 2, s(1 - s) = (1 - t^2) /
   * 4, 1 - 2s = -t) and hyperbolic forms, not the engine's sigmoid polynomials; {@link
   * #activationReferenceIsConsistent} checks each against a finite difference of the one before.
   */
  private static double activationReference(ActivationFunction phi, int k, double x) {
    double t = Math.tanh(0.5 * x);
    double s = 0.5 * (1.0 + t);
    double q = 0.25 * (1.0 - t * t);
    double sech2 = 1.0 / (Math.cosh(x) * Math.cosh(x));
    switch (phi) {
      case SOFTPLUS:
        double[] softplus = {x > 40 ? x + Math.exp(-x) : Math.log1p(Math.exp(x)), s, q, -t * q};
        return softplus[k];
      case SILU:
        double[] silu = {
          x * s, s + x * q, q * (2.0 - x * t), q * (-t * (3.0 - x * t) - 2.0 * x * q)
        };
        return silu[k];
      case TANH:
        double th = Math.tanh(x);
        double[] tanh = {th, sech2, -2.0 * th * sech2, 4.0 * th * th * sech2 - 2.0 * sech2 * sech2};
        return tanh[k];
      default:
        throw new AssertionError("no reference for " + phi);
    }
  }

  private static final double[] ACTIVATION_INPUTS = {-30, -4, -1.3, -0.2, 0, 0.2, 1.3, 4, 30};

  /**
   * The reference's derivatives against central differences of the one below, step h = 1e-4 in
   * double on the host: truncation h^2 / 6 max|phi^(k+2)| <= 3e-8 (the fifth derivatives here are
   * at most 16, tanh's at 0) plus round-off 2.2e-16 * 30 / h < 1e-10, so 1e-7.
   */
  @Test
  void activationReferenceIsConsistent() {
    double h = 1e-4;
    for (ActivationFunction phi : ActivationFunction.values()) {
      for (double x : ACTIVATION_INPUTS) {
        for (int k = 1; k <= 3; k++) {
          double difference =
              (activationReference(phi, k - 1, x + h) - activationReference(phi, k - 1, x - h))
                  / (2 * h);
          assertThat(activationReference(phi, k, x))
              .as("%s derivative %d at %s", phi, k, x)
              .isCloseTo(difference, within(1e-7));
        }
      }
    }
  }

  /**
   * Each output within round-off of the reference at the stored inputs, relative to 1 + |x| (the
   * size of the largest term in any of the formulas: a s, a q, ...).
   */
  @Test
  void activateMatchesItsDerivatives() {
    int n = ACTIVATION_INPUTS.length;
    Mat x = ops().fromHost(1, n, ACTIVATION_INPUTS);
    double[] stored = ops().toHost(x);
    for (ActivationFunction phi : ActivationFunction.values()) {
      for (int order = 0; order <= 3; order++) {
        Mat[] outs = new Mat[4];
        for (int k = 0; k <= order; k++) {
          outs[k] = ops().zeros(1, n);
        }
        ops().activate(phi, order, x, outs[0], outs[1], outs[2], outs[3]);
        for (int k = 0; k <= order; k++) {
          double[] actual = ops().toHost(outs[k]);
          for (int i = 0; i < n; i++) {
            double scale = 1.0 + Math.abs(stored[i]);
            assertThat(actual[i])
                .as("%s order %d, derivative %d at %s", phi, order, k, stored[i])
                .isCloseTo(
                    activationReference(phi, k, stored[i]),
                    within(tolerances().roundOff() * scale));
          }
        }
      }
    }
  }

  /**
   * Every order back to back (0 to 3, then 3 to 0) into the same four outputs, which alias neither
   * the input nor each other and are filled with NaN before each call, with other element-wise ops
   * of the same shape in between: an engine that keeps temporaries across calls, or shares them
   * with the ops it composes, must still fill every output, within round-off of the reference on
   * the way up and bit for bit as before on the way down.
   */
  @Test
  void activateRepeatsIntoReusedOutputs() {
    Mat x = ops().fromHost(3, 3, ACTIVATION_INPUTS);
    double[] stored = ops().toHost(x);
    Mat[] outs = {ops().zeros(3, 3), ops().zeros(3, 3), ops().zeros(3, 3), ops().zeros(3, 3)};
    Mat other = ops().zeros(3, 3);
    for (ActivationFunction phi : ActivationFunction.values()) {
      double[][][] first = new double[4][][];
      for (int pass = 0; pass < 8; pass++) {
        int order = pass < 4 ? pass : 7 - pass;
        for (Mat out : outs) {
          ops().fill(Double.NaN, out);
        }
        ops().activate(phi, order, x, outs[0], outs[1], outs[2], outs[3]);
        double[][] values = new double[order + 1][];
        for (int k = 0; k <= order; k++) {
          values[k] = ops().toHost(outs[k]);
        }
        if (pass < 4) {
          for (int k = 0; k <= order; k++) {
            for (int i = 0; i < stored.length; i++) {
              assertThat(values[k][i])
                  .as("%s order %d, derivative %d at %s", phi, order, k, stored[i])
                  .isCloseTo(
                      activationReference(phi, k, stored[i]),
                      within(tolerances().roundOff() * (1.0 + Math.abs(stored[i]))));
            }
          }
          first[order] = values;
        } else {
          assertThat(values).as("%s order %d again", phi, order).isDeepEqualTo(first[order]);
        }
        ops().map(UnaryFunction.SOFTPLUS, x, other);
        ops().axpby(2.0, x, -1.0, other, other);
      }
    }
  }

  @Test
  void activateRejectsMisfitOutputs() {
    Mat x = random(2, 3, 34);
    Mat fits = ops().zeros(2, 3);
    Mat misfit = ops().zeros(3, 2);
    assertThatThrownBy(() -> ops().activate(ActivationFunction.SILU, 1, x, fits, misfit, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 x 3")
        .hasMessageContaining("3 x 2");
    assertThatThrownBy(() -> ops().activate(ActivationFunction.TANH, 0, x, x, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input");
    assertThatThrownBy(() -> ops().activate(ActivationFunction.TANH, 4, x, fits, fits, fits, fits))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4");
  }

  @Test
  void affineAxpbyMultiplyDivide() {
    Mat x = random(4, 3, 30);
    Mat y = random(4, 3, 31);
    checkElementWise(
        x, y, (u, v) -> 1.5 * u - 0.25, out -> ops().affine(x, 1.5, -0.25, out), "affine");
    checkElementWise(
        x, y, (u, v) -> 0.5 * u - 2.0 * v, out -> ops().axpby(0.5, x, -2.0, y, out), "axpby");
    checkElementWise(x, y, (u, v) -> u * v, out -> ops().multiply(x, y, out), "multiply");
    checkElementWise(x, y, (u, v) -> u / v, out -> ops().divide(x, y, out), "divide");
  }

  @Test
  void momentumStepIsItsTwoAxpbyPassesInOne() {
    Mat gradient = random(5, 3, 35);
    Mat velocity = random(5, 3, 36);
    Mat parameters = random(5, 3, 37);
    Mat expectedVelocity = ops().zeros(5, 3);
    Mat expectedParameters = ops().zeros(5, 3);
    ops().copy(velocity, expectedVelocity);
    ops().copy(parameters, expectedParameters);
    ops().axpby(0.9, expectedVelocity, 1.0, gradient, expectedVelocity);
    ops().axpby(1.0, expectedParameters, -0.03, expectedVelocity, expectedParameters);

    ops().momentumStep(0.9, gradient, 0.03, velocity, parameters);
    assertThat(ops().toHost(velocity))
        .as("velocity")
        .containsExactly(ops().toHost(expectedVelocity));
    assertThat(ops().toHost(parameters))
        .as("parameters")
        .containsExactly(ops().toHost(expectedParameters));
    assertThatThrownBy(() -> ops().momentumStep(0.9, gradient, 0.03, velocity, velocity))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlap");
  }

  @Test
  void elementWiseOpsWorkInPlace() {
    Mat x = random(4, 3, 32);
    Mat y = random(4, 3, 33);
    double[] hx = ops().toHost(x);
    double[] hy = ops().toHost(y);
    ops().multiply(x, y, x);
    double[] product = ops().toHost(x);
    for (int i = 0; i < hx.length; i++) {
      assertThat(product[i])
          .isCloseTo(hx[i] * hy[i], within(tolerances().roundOff() * Math.abs(hx[i] * hy[i])));
    }
    ops().affine(y, 2.0, 1.0, y);
    double[] shifted = ops().toHost(y);
    for (int i = 0; i < hy.length; i++) {
      double expected = 2.0 * hy[i] + 1.0;
      assertThat(shifted[i])
          .isCloseTo(expected, within(tolerances().roundOff() * (2 * Math.abs(hy[i]) + 1)));
    }
  }

  @Test
  void lessThanIsStrict() {
    Mat x = ops().fromHost(1, 5, new double[] {-1, 0, 0.5, 2, 3});
    Mat y = ops().fromHost(1, 5, new double[] {0, 0, 1, 1, 3});
    Mat out = ops().zeros(1, 5);
    ops().lessThan(x, y, out);
    assertThat(ops().toHost(out)).containsExactly(1, 0, 1, 0, 0);
    ops().lessThan(x, 0.5, out);
    assertThat(ops().toHost(out)).containsExactly(1, 1, 0, 0, 0);
    ops().lessThan(x, x, x);
    assertThat(ops().toHost(x)).as("in place").containsExactly(0, 0, 0, 0, 0);
  }

  @Test
  void productSumMatchesItsTermsWithBroadcasts() {
    // 70 x 130: several chunks and blocks of an engine's pass, chunks that start mid-row.
    int rows = 70;
    int cols = 130;
    Mat x = random(rows, cols, 50);
    Mat y = random(rows, cols, 51);
    Mat z = random(rows, cols, 52);
    Mat row = random(1, cols, 53);
    Mat column = random(rows, 1, 54);
    ProductSum sum =
        ProductSum.of(2.0, x, y, row)
            .plus(-0.5, z, column, z)
            .plus(0.25)
            .plus(1.0, x);
    double[] hx = ops().toHost(x);
    double[] hy = ops().toHost(y);
    double[] hz = ops().toHost(z);
    double[] hr = ops().toHost(row);
    double[] hc = ops().toHost(column);
    double[] expected = new double[rows * cols];
    double[] size = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        double[] terms = {
          2.0 * hx[i] * hy[i] * hr[c], -0.5 * hz[i] * hc[r] * hz[i], 0.25, hx[i]
        };
        for (double term : terms) {
          expected[i] += term;
          size[i] += Math.abs(term);
        }
      }
    }
    Mat out = ops().zeros(rows, cols);
    ops().productSum(sum, out);
    assertProductSum(ops().toHost(out), expected, size, "productSum");
    // In place: out is a factor of two terms.
    ops().productSum(sum, x);
    assertThat(ops().toHost(x)).as("productSum into a factor").containsExactly(ops().toHost(out));
  }

  /**
   * Each term is rounded at most four times and the sum three times: an error below ~8 epsilon
   * times the sum of the terms' sizes, inside roundOff times it.
   */
  private void assertProductSum(double[] actual, double[] expected, double[] size, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as("%s element %d", what, i)
          .isCloseTo(expected[i], within(tolerances().roundOff() * size[i]));
    }
  }

  @Test
  void inPartsRunsEveryPartOnceAndItsCallsGiveTheUsualResults() {
    // Each part multiplies its own pair of matrices (big enough that an engine would split one
    // product on its own threads) and counts its runs.
    int parts = 3;
    int[] runs = new int[parts];
    Mat[] x = new Mat[parts];
    Mat[] out = new Mat[parts];
    for (int p = 0; p < parts; p++) {
      x[p] = random(64, 64, 70 + p);
      out[p] = ops().zeros(64, 64);
    }
    ops().inParts(parts, p -> {
      runs[p]++;
      ops().gemm(1.0, x[p], false, x[p], true, 0.0, out[p]);
    });
    assertThat(runs).containsExactly(1, 1, 1);
    for (int p = 0; p < parts; p++) {
      Mat alone = ops().zeros(64, 64);
      ops().gemm(1.0, x[p], false, x[p], true, 0.0, alone);
      assertThat(ops().toHost(out[p])).as("part " + p).containsExactly(ops().toHost(alone));
    }
  }

  @Test
  void productSumOfOneProductIsMultiply() {
    Mat x = random(4, 3, 55);
    Mat y = random(4, 3, 56);
    Mat product = ops().zeros(4, 3);
    Mat sum = ops().zeros(4, 3);
    ops().multiply(x, y, product);
    ops().productSum(ProductSum.of(1.0, x, y), sum);
    assertThat(ops().toHost(sum)).containsExactly(ops().toHost(product));
  }

  @Test
  void productSumBroadcastsIntoAColumnAndARow() {
    // Out n x 1 (a column factor is out's own shape there) and out 1 x n (a row likewise).
    Mat column = random(5, 1, 57);
    Mat scalarLike = random(1, 1, 58);
    double[] hc = ops().toHost(column);
    double s = ops().toHost(scalarLike)[0];
    double[] expected = new double[5];
    double[] size = new double[5];
    for (int i = 0; i < 5; i++) {
      expected[i] = 3.0 * hc[i] * s;
      size[i] = Math.abs(expected[i]);
    }
    Mat out = ops().zeros(5, 1);
    ops().productSum(ProductSum.of(3.0, column, scalarLike), out);
    assertProductSum(ops().toHost(out), expected, size, "n x 1");
    Mat row = ops().fromHost(1, 5, hc);
    Mat outRow = ops().zeros(1, 5);
    ops().productSum(ProductSum.of(3.0, row, scalarLike), outRow);
    assertProductSum(ops().toHost(outRow), expected, size, "1 x n");
  }

  @Test
  void adamStepMatchesItsFormula() {
    // 37: several SIMD vectors and a tail.
    Mat theta = random(37, 1, 60);
    Mat g = random(37, 1, 61);
    Mat m = random(37, 1, 62);
    Mat v = random(37, 1, 63);
    ops().multiply(v, v, v); // a second moment is not negative
    double[] ht = ops().toHost(theta);
    double[] hg = ops().toHost(g);
    double[] hm = ops().toHost(m);
    double[] hv = ops().toHost(v);
    double beta1 = 0.9;
    double beta2 = 0.999;
    double stepSize = 0.01;
    double secondScale = 1.5;
    double epsilon = 1e-3;
    ops().adamStep(theta, g, m, v, beta1, beta2, stepSize, secondScale, epsilon);
    double[] at = ops().toHost(theta);
    double[] am = ops().toHost(m);
    double[] av = ops().toHost(v);
    for (int i = 0; i < ht.length; i++) {
      double mi = beta1 * hm[i] + (1 - beta1) * hg[i];
      double vi = beta2 * hv[i] + (1 - beta2) * hg[i] * hg[i];
      double step = stepSize * mi / (Math.sqrt(secondScale * vi) + epsilon);
      // A few roundings of terms no larger than these sizes each (the root and the quotient
      // are relatively as accurate as their operands).
      double mSize = beta1 * Math.abs(hm[i]) + (1 - beta1) * Math.abs(hg[i]);
      assertThat(am[i]).as("m %d", i).isCloseTo(mi, within(tolerances().roundOff() * mSize));
      assertThat(av[i]).as("v %d", i).isCloseTo(vi, within(tolerances().roundOff() * vi));
      assertThat(at[i])
          .as("theta %d", i)
          .isCloseTo(
              ht[i] - step, within(tolerances().roundOff() * (Math.abs(ht[i]) + 4 * Math.abs(step))));
    }
  }

  @Test
  void adamStepRejectsOverlappingMatrices() {
    Mat theta = random(6, 1, 64);
    Mat g = random(6, 1, 65);
    Mat m = ops().zeros(6, 1);
    // Views of one packed buffer: the gradient and the first moment share rows 3 to 5.
    Mat packed = ops().zeros(15, 1);
    Mat packedGradient = ops().view(packed, 0, 6, 1);
    Mat packedMoment = ops().view(packed, 3, 6, 1);
    Mat packedSecond = ops().view(packed, 9, 6, 1);
    assertThatThrownBy(() -> ops().adamStep(theta, g, m, m, 0.9, 0.999, 0.01, 1.0, 1e-8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("adamStep")
        .hasMessageContaining("overlap");
    assertThatThrownBy(
            () -> ops().adamStep(theta, packedGradient, packedMoment, packedSecond, 0.9, 0.999,
                0.01, 1.0, 1e-8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlap");
    // Disjoint views of one buffer are fine (rows 0 to 5 and 9 to 14).
    ops().adamStep(theta, packedGradient, m, packedSecond, 0.9, 0.999, 0.01, 1.0, 1e-8);
  }
  /**
   * Rows wider than the SIMD lanes, with a tail, in place on a view at an odd offset: each sum is
   * one addition of stored values, so within one rounding of their exact sum.
   */
  @Test
  void addRowVectorOnWideRowsInPlaceOnAView() {
    int rows = 5;
    int cols = 37;
    Mat storage = random(rows * cols + 3, 1, 37);
    Mat x = ops().view(storage, 3, rows, cols);
    Mat row = random(1, cols, 38);
    double[] hx = ops().toHost(x);
    double[] hr = ops().toHost(row);
    double[] before = Arrays.copyOf(ops().toHost(storage), 3);
    ops().addRowVector(x, row, x);
    double[] sums = ops().toHost(x);
    for (int i = 0; i < rows * cols; i++) {
      double exact = hx[i] + hr[i % cols];
      assertThat(sums[i])
          .as("element %d", i)
          .isCloseTo(exact, within(tolerances().roundOff() * Math.abs(exact)));
    }
    // The elements before the view are untouched.
    assertThat(Arrays.copyOf(ops().toHost(storage), 3)).containsExactly(before);
  }

  @Test
  void addRowVectorAndScaleRows() {
    Mat x = random(4, 3, 34);
    Mat row = random(1, 3, 35);
    Mat column = random(4, 1, 36);
    double[] hx = ops().toHost(x);
    double[] hr = ops().toHost(row);
    double[] hc = ops().toHost(column);
    Mat out = ops().zeros(4, 3);
    ops().addRowVector(x, row, out);
    double[] sums = ops().toHost(out);
    ops().scaleRows(x, column, out);
    double[] scaled = ops().toHost(out);
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 3; c++) {
        int i = r * 3 + c;
        assertThat(sums[i])
            .isCloseTo(
                hx[i] + hr[c],
                within(tolerances().roundOff() * (Math.abs(hx[i]) + Math.abs(hr[c]))));
        assertThat(scaled[i])
            .isCloseTo(hx[i] * hc[r], within(tolerances().roundOff() * Math.abs(hx[i] * hc[r])));
      }
    }
    ops().scaleRows(x, column, x);
    assertThat(ops().toHost(x)).as("scaleRows in place").containsExactly(scaled);
  }

  /** {@code op} writes into its argument what {@code reference} computes from x and y. */
  private void checkElementWise(
      Mat x, Mat y, DoubleBinaryOperator reference, Consumer<Mat> op, String name) {
    double[] hx = ops().toHost(x);
    double[] hy = ops().toHost(y);
    Mat out = ops().zeros(x.rows(), x.cols());
    op.accept(out);
    double[] actual = ops().toHost(out);
    for (int i = 0; i < hx.length; i++) {
      double expected = reference.applyAsDouble(hx[i], hy[i]);
      // A few roundings, of the result and of terms no larger than 2 (|x| + |y|) here.
      double scale = Math.max(Math.abs(expected), 2 * (Math.abs(hx[i]) + Math.abs(hy[i])));
      assertThat(actual[i])
          .as("%s element %d", name, i)
          .isCloseTo(expected, within(tolerances().roundOff() * scale));
    }
  }

  // ---- reductions ------------------------------------------------------------------------------

  @Test
  void rowAndColumnSumsAndSum() {
    // 85 columns: blocks of four SIMD vectors, single vectors and a tail.
    int cols = 85;
    Mat x = random(7, cols, 40);
    double[] hx = ops().toHost(x);
    Mat columns = ops().zeros(1, cols);
    Mat rows = ops().zeros(7, 1);
    ops().columnSums(x, columns);
    ops().rowSums(x, rows);
    double[] hc = ops().toHost(columns);
    double[] hr = ops().toHost(rows);
    double total = 0.0;
    double size = 0.0;
    for (int r = 0; r < 7; r++) {
      double rowSum = 0.0;
      double rowSize = 0.0;
      for (int c = 0; c < cols; c++) {
        rowSum += hx[r * cols + c];
        rowSize += Math.abs(hx[r * cols + c]);
      }
      assertThat(hr[r])
          .as("row %d", r)
          .isCloseTo(rowSum, within(tolerances().roundOff() * rowSize));
      total += rowSum;
      size += rowSize;
    }
    for (int c = 0; c < cols; c++) {
      double columnSum = 0.0;
      double columnSize = 0.0;
      for (int r = 0; r < 7; r++) {
        columnSum += hx[r * cols + c];
        columnSize += Math.abs(hx[r * cols + c]);
      }
      assertThat(hc[c])
          .as("column %d", c)
          .isCloseTo(columnSum, within(tolerances().roundOff() * columnSize));
    }
    assertThat(ops().sum(x)).isCloseTo(total, within(tolerances().roundOff() * size));
    Mat empty = ops().zeros(0, 2);
    Mat emptySums = ops().zeros(1, 2);
    ops().fill(Double.NaN, emptySums);
    ops().columnSums(empty, emptySums);
    assertThat(ops().toHost(emptySums)).as("column sums of no rows").containsExactly(0, 0);
    assertThat(ops().sum(empty)).as("sum of nothing").isEqualTo(0.0);
  }

  @Test
  void softplusRowSumsMatchElementwiseSoftplusSums() {
    // Rows: mixed Gaussians of scale 3; all very negative (tiny sums, which must keep their
    // relative accuracy); extreme values of both signs; uniform on [-1, 1]; and Gaussians of scale
    // 0.1: in the last two the product of 3000 factors (1 + e^-|x|) exceeds any double and must be
    // folded.
    int cols = 3000;
    double[] values = new double[5 * cols];
    RandomStream stream = RandomStream.of(45);
    for (int c = 0; c < cols; c++) {
      values[c] = 3 * stream.nextGaussian();
      values[cols + c] = -40 - stream.nextDouble();
      values[2 * cols + c] = (c % 2 == 0 ? 700 : -700) * stream.nextDouble();
      values[3 * cols + c] = 2 * stream.nextDouble() - 1;
      values[4 * cols + c] = 0.1 * stream.nextGaussian();
    }
    Mat x = ops().fromHost(5, cols, values);
    double[] x0 = ops().toHost(x);
    Mat out = ops().zeros(5, 1);
    ops().softplusRowSums(x, out);
    double[] actual = ops().toHost(out);
    for (int r = 0; r < 5; r++) {
      double expected = 0.0;
      for (int c = 0; c < cols; c++) {
        double v = x0[r * cols + c];
        expected += Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
      }
      // Every term is positive, so the sum is its own size.
      assertThat(actual[r])
          .as("row %d", r)
          .isCloseTo(expected, within(tolerances().roundOff() * expected));
    }
    double inf = Double.POSITIVE_INFINITY;
    Mat special = ops().fromHost(3, 2, new double[] {-inf, 0, Double.NaN, 1, inf, 1});
    Mat specialOut = ops().zeros(3, 1);
    ops().softplusRowSums(special, specialOut);
    double[] s = ops().toHost(specialOut);
    assertThat(s[0]).isCloseTo(Math.log(2), within(tolerances().roundOff()));
    assertThat(s[1]).isNaN();
    assertThat(s[2]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> ops().softplusRowSums(x, ops().zeros(4, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 x 1")
        .hasMessageContaining("5 x 3000");
  }

  @Test
  void maxFindsTheLargestAndPropagatesNaN() {
    assertThat(ops().max(ops().fromHost(2, 2, new double[] {-3, -1.5, -7, -2}))).isEqualTo(-1.5);
    assertThat(ops().max(ops().fromHost(1, 3, new double[] {1, Double.NaN, 5}))).isNaN();
    assertThat(ops().max(ops().fromHost(1, 2, new double[] {Double.NEGATIVE_INFINITY, 4})))
        .isEqualTo(4.0);
  }

  @Test
  void logSumExpWithoutOverflow() {
    checkLogSumExp(new double[] {1000, 1000, 999}, 1000 + Math.log(2 + Math.exp(-1)));
    checkLogSumExp(new double[] {-1000, -1001}, -1000 + Math.log1p(Math.exp(-1)));
    checkLogSumExp(new double[] {Double.NEGATIVE_INFINITY, 0, Math.log(3)}, Math.log(4));
    checkLogSumExp(new double[] {2.5}, 2.5);
    double[] spread = {-3, 0.5, 2, -0.7, 1.1, 4};
    double plain = 0.0;
    for (double v : spread) {
      plain += Math.exp(v);
    }
    checkLogSumExp(spread, Math.log(plain));
    assertThat(ops().logSumExp(ops().zeros(0, 3))).as("empty").isEqualTo(Double.NEGATIVE_INFINITY);
    double minusInfinity = Double.NEGATIVE_INFINITY;
    Mat nothingButZeroWeights = ops().fromHost(1, 2, new double[] {minusInfinity, minusInfinity});
    assertThat(ops().logSumExp(nothingButZeroWeights)).isEqualTo(minusInfinity);
  }

  private void checkLogSumExp(double[] values, double expected) {
    double actual = ops().logSumExp(ops().fromHost(1, values.length, values));
    assertThat(actual)
        .as("logSumExp %s", Arrays.toString(values))
        .isCloseTo(expected, within(tolerances().roundOff() * Math.max(1.0, Math.abs(expected))));
  }

  @Test
  void logMatMulExpMatchesDirectSums() {
    checkLogMatMulExp(random(7, 5, 30), random(5, 4, 31));
    // Large enough to be split into blocks and threads.
    checkLogMatMulExp(random(300, 22, 32), random(22, 22, 33));
    // A column of zeros gives each row's log-sum-exp.
    checkLogMatMulExp(random(6, 3, 34), ops().zeros(3, 1));
    // Every shifted term underflows (e^-800 each): only the direct sums get -800 + log 2.
    checkLogMatMulExp(
        ops().fromHost(2, 2, new double[] {0, -800, -800, 0}),
        ops().fromHost(2, 2, new double[] {-800, 0, 0, -800}));
    Mat square = random(3, 3, 35);
    assertThatThrownBy(() -> ops().logMatMulExp(square, random(3, 3, 36), square))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Against log sum_k exp(x[r][k] + a[k][j]) in plain loops on the values the engine holds. */
  private void checkLogMatMulExp(Mat x, Mat a) {
    double[] hx = ops().toHost(x);
    double[] ha = ops().toHost(a);
    int inner = x.cols();
    int cols = a.cols();
    Mat out = ops().zeros(x.rows(), cols);
    ops().logMatMulExp(x, a, out);
    double[] actual = ops().toHost(out);
    for (int r = 0; r < x.rows(); r++) {
      for (int j = 0; j < cols; j++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < inner; k++) {
          max = Math.max(max, hx[r * inner + k] + ha[k * cols + j]);
        }
        double sum = 0.0;
        for (int k = 0; k < inner; k++) {
          sum += Math.exp(hx[r * inner + k] + ha[k * cols + j] - max);
        }
        double expected = max + Math.log(sum);
        assertThat(actual[r * cols + j])
            .as("logMatMulExp [%d][%d]", r, j)
            .isCloseTo(expected, within(tolerances().roundOff() * Math.max(1.0, Math.abs(expected))));
      }
    }
  }

  // ---- structured kernels ----------------------------------------------------------------------

  @Test
  void pairwiseProductsInBothModes() {
    for (int n : new int[] {1, 2, 5}) {
      Mat x = random(3, n, 50 + n);
      double[] hx = ops().toHost(x);
      for (boolean diagonal : new boolean[] {false, true}) {
        int pairs = diagonal ? n * (n + 1) / 2 : n * (n - 1) / 2;
        Mat out = ops().zeros(3, pairs);
        ops().pairwiseProducts(x, diagonal, out);
        double[] actual = ops().toHost(out);
        int k = 0;
        for (int r = 0; r < 3; r++) {
          for (int i = 0; i < n; i++) {
            for (int j = diagonal ? i : i + 1; j < n; j++) {
              double expected = hx[r * n + i] * hx[r * n + j];
              assertThat(actual[k++])
                  .as("n=%d diagonal=%s row %d (%d, %d)", n, diagonal, r, i, j)
                  .isCloseTo(expected, within(tolerances().roundOff() * Math.abs(expected)));
            }
          }
        }
      }
    }
  }

  @Test
  void binaryStatesEnumerateBitsLeastSignificantFirst() {
    checkBinaryStates(5, 7, 4, -1.0, 1.0);
    checkBinaryStates((1L << 40) + 3, 3, 42, 0.0, 1.0);
  }

  private void checkBinaryStates(long first, int rows, int bits, double low, double high) {
    Mat out = ops().zeros(rows, bits);
    ops().binaryStates(first, low, high, out);
    double[] actual = ops().toHost(out);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < bits; j++) {
        double expected = (((first + r) >> j) & 1L) == 1L ? high : low;
        assertThat(actual[r * bits + j]).as("state %d bit %d", first + r, j).isEqualTo(expected);
      }
    }
  }

  // ---- random draws ----------------------------------------------------------------------------

  @Test
  void uniformDrawsAreReproducibleAndConsumeTheStreamInOrder() {
    checkDrawsAreReproducible((stream, out) -> ops().uniform(stream, out));
  }

  @Test
  void gaussianDrawsAreReproducibleAndConsumeTheStreamInOrder() {
    checkDrawsAreReproducible((stream, out) -> ops().gaussian(stream, out));
  }

  private void checkDrawsAreReproducible(BiConsumer<RandomStream, Mat> draw) {
    Mat once = ops().zeros(5, 4);
    draw.accept(RandomStream.of(60), once);
    Mat again = ops().zeros(5, 4);
    draw.accept(RandomStream.of(60), again);
    assertThat(ops().toHost(again)).as("same seed, same draws").containsExactly(ops().toHost(once));

    RandomStream stream = RandomStream.of(60);
    Mat top = ops().zeros(3, 4);
    Mat bottom = ops().zeros(2, 4);
    draw.accept(stream, top);
    draw.accept(stream, bottom);
    double[] split = new double[20];
    System.arraycopy(ops().toHost(top), 0, split, 0, 12);
    System.arraycopy(ops().toHost(bottom), 0, split, 12, 8);
    assertThat(split)
        .as("row-major consumption: 3 + 2 rows equal 5 rows")
        .containsExactly(ops().toHost(once));

    Mat other = ops().zeros(5, 4);
    draw.accept(RandomStream.of(61), other);
    assertThat(ops().toHost(other)).as("another seed").isNotEqualTo(ops().toHost(once));
  }

  @Test
  void bernoulliDrawsAreUniformDrawsBelowTheProbabilities() {
    // 0 and 1 (never and always: uniforms lie in [0, 1)), values near both ends, the rest random.
    double[] p = new double[6 * 7];
    RandomStream host = RandomStream.of(64);
    for (int i = 0; i < p.length; i++) {
      p[i] = host.nextDouble();
    }
    p[0] = 0.0;
    p[1] = 1.0;
    p[2] = 1e-3;
    p[3] = 0.999;
    Mat probabilities = ops().fromHost(6, 7, p);
    RandomStream viaUniform = RandomStream.of(65);
    Mat u = ops().zeros(6, 7);
    ops().uniform(viaUniform, u);
    Mat expected = ops().zeros(6, 7);
    ops().lessThan(u, probabilities, expected);

    RandomStream direct = RandomStream.of(65);
    Mat out = ops().zeros(6, 7);
    ops().bernoulli(direct, probabilities, out);
    assertThat(ops().toHost(out))
        .as("bernoulli = uniform, then lessThan")
        .containsExactly(ops().toHost(expected));
    assertThat(direct.nextDouble())
        .as("the stream moved as far as uniform moves it")
        .isEqualTo(viaUniform.nextDouble());

    RandomStream inPlace = RandomStream.of(65);
    ops().bernoulli(inPlace, probabilities, probabilities);
    assertThat(ops().toHost(probabilities)).as("in place").containsExactly(ops().toHost(expected));
    assertThat(ops().toHost(expected)[0]).as("p = 0").isEqualTo(0.0);
    assertThat(ops().toHost(expected)[1]).as("p = 1").isEqualTo(1.0);
  }

  @Test
  void uniformDrawsHaveUniformMoments() {
    int count = 100_000;
    double[] u = draws(count, (stream, out) -> ops().uniform(stream, out));
    assertThat(Arrays.stream(u).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    assertThat(Arrays.stream(u).max().orElseThrow()).isLessThan(1.0);
    // U[0, 1): mean 1/2, variance 1/12; Var[(U - 1/2)^2] = 1/80 - 1/144 = 1/180.
    assertMoments(u, 0.5, 1.0 / 12, Math.sqrt(1.0 / 12 / count), Math.sqrt(1.0 / 180 / count));
  }

  @Test
  void gaussianDrawsHaveStandardNormalMoments() {
    int count = 100_000;
    double[] z = draws(count, (stream, out) -> ops().gaussian(stream, out));
    // N(0, 1): mean 0, variance 1; Var[Z^2] = 2.
    assertMoments(z, 0.0, 1.0, Math.sqrt(1.0 / count), Math.sqrt(2.0 / count));
  }

  private double[] draws(int count, BiConsumer<RandomStream, Mat> draw) {
    Mat out = ops().zeros(count / 100, 100);
    draw.accept(RandomStream.of(62), out);
    return ops().toHost(out);
  }

  private static void assertMoments(
      double[] values, double mean, double variance, double meanError, double varianceError) {
    double sum = 0.0;
    for (double v : values) {
      sum += v;
    }
    double sampleMean = sum / values.length;
    double squares = 0.0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    assertThat(sampleMean).as("mean").isCloseTo(mean, within(STANDARD_ERRORS * meanError));
    assertThat(squares / values.length)
        .as("variance")
        .isCloseTo(variance, within(STANDARD_ERRORS * varianceError));
  }

  // ---- shape errors ----------------------------------------------------------------------------

  @Test
  void shapeErrorsNameBothShapes() {
    Ops o = ops();
    Mat a23 = o.zeros(2, 3);
    Mat a45 = o.zeros(4, 5);
    Mat a25 = o.zeros(2, 5);
    assertShapeError(() -> o.copy(a23, a45), "2 x 3", "4 x 5");
    assertShapeError(() -> o.getColumns(a25, 3, a23), "2 x 5", "2 x 3");
    assertShapeError(() -> o.setColumns(a23, 3, a25), "2 x 3", "2 x 5");
    assertShapeError(() -> o.getColumns(a45, 0, a23), "4 x 5", "2 x 3");
    assertShapeError(() -> o.gatherRows(a45, new int[] {0, 1}, a23), "4 x 5", "2 x 3");
    assertShapeError(() -> o.gemm(1, a23, false, a45, false, 0, a25), "2 x 3", "4 x 5");
    assertShapeError(
        () -> o.gemm(1, a23, true, o.zeros(2, 5), false, 0, o.zeros(2, 5)), "3 x 2", "2 x 5");
    assertShapeError(() -> o.map(UnaryFunction.EXP, a23, a45), "2 x 3", "4 x 5");
    assertShapeError(() -> o.affine(a23, 1, 0, a45), "2 x 3", "4 x 5");
    assertShapeError(() -> o.axpby(1, a23, 1, a45, a23), "2 x 3", "4 x 5");
    assertShapeError(() -> o.multiply(a23, a45, a23), "2 x 3", "4 x 5");
    assertShapeError(() -> o.momentumStep(0.9, a23, 0.1, a45, o.zeros(4, 5)), "2 x 3", "4 x 5");
    assertShapeError(() -> o.divide(a23, a23, a45), "2 x 3", "4 x 5");
    assertShapeError(() -> o.lessThan(a23, a45, a23), "2 x 3", "4 x 5");
    assertShapeError(() -> o.lessThan(a23, 0.0, a45), "2 x 3", "4 x 5");
    assertShapeError(() -> o.bernoulli(RandomStream.of(1), a23, a45), "2 x 3", "4 x 5");
    assertShapeError(() -> o.addRowVector(a23, o.zeros(1, 5), a23), "1 x 5", "2 x 3");
    assertShapeError(() -> o.scaleRows(a23, o.zeros(4, 1), a23), "4 x 1", "2 x 3");
    assertShapeError(() -> o.columnSums(a23, o.zeros(1, 5)), "2 x 3", "1 x 5");
    assertShapeError(() -> o.rowSums(a23, o.zeros(4, 1)), "2 x 3", "4 x 1");
    assertShapeError(() -> o.pairwiseProducts(a45, false, a23), "4 x 5", "2 x 3");
    assertShapeError(() -> o.logMatMulExp(a23, a45, a25), "2 x 3", "4 x 5");
    assertShapeError(() -> o.productSum(ProductSum.of(1.0, a23, a45), a23), "4 x 5", "2 x 3");
    assertShapeError(
        () -> o.adamStep(a23, a45, a23, a23, 0.9, 0.999, 0.1, 1.0, 1e-8), "4 x 5", "2 x 3");
  }

  private static void assertShapeError(ThrowingCallable call, String first, String second) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(first)
        .hasMessageContaining(second);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A rows x cols matrix of N(0, 1) draws made on the host, so every engine gets the same. */
  private Mat random(int rows, int cols, long seed) {
    RandomStream stream = RandomStream.of(seed);
    double[] values = new double[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = stream.nextGaussian();
    }
    return ops().fromHost(rows, cols, values);
  }
}
