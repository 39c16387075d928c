package org.ebmbench.optim;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm 7.4 and
 * 7.5) with a line search that enforces the strong Wolfe conditions (their Algorithms 3.5 and 3.6,
 * with safeguarded cubic interpolation in the zoom phase), for deterministic batch minimization.
 *
 * <p>Stops when ||g|| <= gradientTolerance * max(1, ||x||), when the objective decreased by less
 * than relativeDecrease * max(1, |f|) over the last {@code past} iterations (as libLBFGS's
 * delta/past test), after maxIterations iterations, or when the line search finds no acceptable
 * step (the last accepted point is returned).
 *
 * @param memory number of correction pairs kept, >= 1
 * @param maxIterations iteration cap, >= 1
 * @param gradientTolerance relative gradient-norm threshold, >= 0
 * @param past window for the decrease test, >= 1
 * @param relativeDecrease relative decrease threshold over the window, >= 0
 */
public record Lbfgs(
    int memory, int maxIterations, double gradientTolerance, int past, double relativeDecrease) {
  /** Sufficient-decrease constant c1 of the Wolfe conditions. */
  static final double C1 = 1e-4;

  /** Curvature constant c2 of the strong Wolfe conditions (0.9 is standard for quasi-Newton). */
  static final double C2 = 0.9;

  private static final int MAX_LINE_SEARCH_EVALUATIONS = 40;

  /** Checks the settings. */
  public Lbfgs {
    if (memory < 1
        || maxIterations < 1
        || !(gradientTolerance >= 0)
        || past < 1
        || !(relativeDecrease >= 0)) {
      throw new IllegalArgumentException(
          "L-BFGS: needs memory >= 1, maxIterations >= 1, gradientTolerance >= 0, past >= 1,"
              + " relativeDecrease >= 0; got "
              + this);
    }
  }

  /** Why the optimizer stopped. */
  public enum Stop {
    GRADIENT,
    DECREASE,
    MAX_ITERATIONS,
    LINE_SEARCH_FAILED
  }

  /**
   * The outcome of a minimization.
   *
   * @param x the final point
   * @param value f at x
   * @param iterations number of iterations (accepted steps)
   * @param evaluations number of function evaluations
   * @param stop why it stopped
   */
  public record Result(double[] x, double value, int iterations, int evaluations, Stop stop) {}

  /** Told about each accepted iterate, for progress reports; must not modify x. */
  public interface Listener {
    void iteration(int iteration, double value, double[] x, int evaluations);
  }

  /** Minimizes f from x0 (not modified). */
  public Result minimize(DifferentiableFunction f, double[] x0) {
    return minimize(f, x0, (iteration, value, x, evaluations) -> {});
  }

  /** Minimizes f from x0 (not modified), calling {@code listener} after every iteration. */
  public Result minimize(DifferentiableFunction f, double[] x0, Listener listener) {
    int n = f.dimension();
    if (x0.length != n) {
      throw new IllegalArgumentException(
          "L-BFGS: x0 has length " + x0.length + ", function dimension is " + n);
    }
    double[] x = x0.clone();
    double[] g = new double[n];
    double value = f.valueAndGradient(x, g);
    int evaluations = 1;
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("L-BFGS: f(x0) = " + value);
    }
    Deque<double[]> sList = new ArrayDeque<>();
    Deque<double[]> yList = new ArrayDeque<>();
    Deque<Double> rhoList = new ArrayDeque<>();
    double[] history = new double[past + 1];
    history[0] = value;
    double[] direction = new double[n];
    LineSearch search = new LineSearch(f, n);
    for (int iteration = 1; ; iteration++) {
      if (norm(g) <= gradientTolerance * Math.max(1, norm(x))) {
        return new Result(x, value, iteration - 1, evaluations, Stop.GRADIENT);
      }
      twoLoop(g, sList, yList, rhoList, direction);
      double slope = dot(g, direction);
      if (!(slope < 0)) {
        // Round-off made the quasi-Newton direction uphill: restart from steepest descent.
        sList.clear();
        yList.clear();
        rhoList.clear();
        for (int k = 0; k < n; k++) {
          direction[k] = -g[k];
        }
        slope = dot(g, direction);
      }
      double initialStep = sList.isEmpty() ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
      boolean accepted = search.run(x, value, g, direction, slope, initialStep);
      evaluations += search.evaluations;
      if (!accepted) {
        return new Result(x, value, iteration - 1, evaluations, Stop.LINE_SEARCH_FAILED);
      }
      // Reuse the oldest pair's arrays once memory is full (they are dropped below anyway).
      boolean full = sList.size() == memory;
      double[] s = full ? sList.peekFirst() : new double[n];
      double[] y = full ? yList.peekFirst() : new double[n];
      for (int k = 0; k < n; k++) {
        s[k] = search.x[k] - x[k];
        y[k] = search.g[k] - g[k];
      }
      double sy = dot(s, y);
      if (full) {
        sList.removeFirst();
        yList.removeFirst();
        rhoList.removeFirst();
      }
      if (sy > 0) {
        sList.addLast(s);
        yList.addLast(y);
        rhoList.addLast(1 / sy);
      }
      System.arraycopy(search.x, 0, x, 0, n);
      System.arraycopy(search.g, 0, g, 0, n);
      value = search.value;
      listener.iteration(iteration, value, x, evaluations);
      if (iteration >= past) {
        double old = history[(iteration - past) % (past + 1)];
        if ((old - value) <= relativeDecrease * Math.max(1, Math.abs(value))) {
          return new Result(x, value, iteration, evaluations, Stop.DECREASE);
        }
      }
      history[iteration % (past + 1)] = value;
      if (iteration >= maxIterations) {
        return new Result(x, value, iteration, evaluations, Stop.MAX_ITERATIONS);
      }
    }
  }

  /** direction = -H g by the two-loop recursion, H0 = (s'y / y'y) I from the newest pair. */
  private static void twoLoop(
      double[] g, Deque<double[]> sList, Deque<double[]> yList, Deque<Double> rhoList,
      double[] direction) {
    int n = g.length;
    int m = sList.size();
    double[][] s = sList.toArray(new double[0][]);
    double[][] y = yList.toArray(new double[0][]);
    Double[] rho = rhoList.toArray(new Double[0]);
    double[] alpha = new double[m];
    double[] q = direction;
    for (int k = 0; k < n; k++) {
      q[k] = -g[k];
    }
    for (int i = m - 1; i >= 0; i--) {
      alpha[i] = rho[i] * dot(s[i], q);
      axpy(-alpha[i], y[i], q);
    }
    if (m > 0) {
      double gamma = 1 / (rho[m - 1] * dot(y[m - 1], y[m - 1]));
      for (int k = 0; k < n; k++) {
        q[k] *= gamma;
      }
    }
    for (int i = 0; i < m; i++) {
      double beta = rho[i] * dot(y[i], q);
      axpy(alpha[i] - beta, s[i], q);
    }
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += a[k] * b[k];
    }
    return sum;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int k = 0; k < x.length; k++) {
      y[k] += a * x[k];
    }
  }

  /**
   * Strong-Wolfe line search along a descent direction; on success x, g, value hold the accepted
   * point. If the evaluation budget runs out, the best point with sufficient decrease is accepted.
   */
  static final class LineSearch {
    private final DifferentiableFunction f;
    final double[] x;
    final double[] g;
    double value;
    int evaluations;
    private final double[] bestX;
    private final double[] bestG;
    private double bestValue;
    private double[] origin;
    private double[] direction;

    LineSearch(DifferentiableFunction f, int n) {
      this.f = f;
      this.x = new double[n];
      this.g = new double[n];
      this.bestX = new double[n];
      this.bestG = new double[n];
    }

    /** One trial point: phi(step) into value, phi'(step) returned. */
    private double evaluate(double step) {
      for (int k = 0; k < x.length; k++) {
        x[k] = origin[k] + step * direction[k];
      }
      value = f.valueAndGradient(x, g);
      evaluations++;
      return dot(g, direction);
    }

    boolean run(
        double[] origin, double value0, double[] g0, double[] direction, double slope0,
        double initialStep) {
      this.origin = origin;
      this.direction = direction;
      evaluations = 0;
      bestValue = Double.POSITIVE_INFINITY;
      double previousStep = 0;
      double previousValue = value0;
      double previousSlope = slope0;
      double step = initialStep;
      while (evaluations < MAX_LINE_SEARCH_EVALUATIONS) {
        double slope = evaluate(step);
        if (!Double.isFinite(value) || value > value0 + C1 * step * slope0
            || (evaluations > 1 && value >= previousValue)) {
          return zoom(previousStep, previousValue, previousSlope, step, value, slope,
              value0, slope0);
        }
        remember(value0, slope0, step);
        if (Math.abs(slope) <= -C2 * slope0) {
          return true;
        }
        if (slope >= 0) {
          return zoom(step, value, slope, previousStep, previousValue, previousSlope,
              value0, slope0);
        }
        previousStep = step;
        previousValue = value;
        previousSlope = slope;
        step *= 4;
      }
      return restoreBest();
    }

    /** Nocedal-Wright Algorithm 3.6: lo has sufficient decrease, a minimizer lies in [lo, hi]. */
    private boolean zoom(
        double lo, double valueLo, double slopeLo, double hi, double valueHi, double slopeHi,
        double value0, double slope0) {
      while (evaluations < MAX_LINE_SEARCH_EVALUATIONS) {
        double width = hi - lo;
        if (Math.abs(width) <= 1e-16 * Math.max(Math.abs(lo), Math.abs(hi))) {
          break;
        }
        double step = cubicMinimizer(lo, valueLo, slopeLo, hi, valueHi, slopeHi);
        double low = Math.min(lo, hi) + 0.1 * Math.abs(width);
        double high = Math.max(lo, hi) - 0.1 * Math.abs(width);
        if (!(step >= low && step <= high)) {
          step = 0.5 * (lo + hi);
        }
        double slope = evaluate(step);
        if (!Double.isFinite(value) || value > value0 + C1 * step * slope0 || value >= valueLo) {
          hi = step;
          valueHi = value;
          slopeHi = slope;
        } else {
          remember(value0, slope0, step);
          if (Math.abs(slope) <= -C2 * slope0) {
            return true;
          }
          if (slope * (hi - lo) >= 0) {
            hi = lo;
            valueHi = valueLo;
            slopeHi = slopeLo;
          }
          lo = step;
          valueLo = value;
          slopeLo = slope;
        }
      }
      return restoreBest();
    }

    /** Keeps the current point if it has sufficient decrease and is the best so far. */
    private void remember(double value0, double slope0, double step) {
      if (value <= value0 + C1 * step * slope0 && value < bestValue) {
        bestValue = value;
        System.arraycopy(x, 0, bestX, 0, x.length);
        System.arraycopy(g, 0, bestG, 0, g.length);
      }
    }

    private boolean restoreBest() {
      if (bestValue == Double.POSITIVE_INFINITY) {
        return false;
      }
      value = bestValue;
      System.arraycopy(bestX, 0, x, 0, x.length);
      System.arraycopy(bestG, 0, g, 0, g.length);
      return true;
    }
  }

  /**
   * Minimizer of the cubic interpolating phi and phi' at a and b (Nocedal-Wright eq. 3.59); NaN
   * when the cubic has no minimizer there (the caller then bisects).
   */
  static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
    double d1 = da + db - 3 * (fa - fb) / (a - b);
    double discriminant = d1 * d1 - da * db;
    if (!(discriminant >= 0)) {
      return Double.NaN;
    }
    double d2 = Math.signum(b - a) * Math.sqrt(discriminant);
    return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
  }
}
