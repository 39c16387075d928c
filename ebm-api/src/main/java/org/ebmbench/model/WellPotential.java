package org.ebmbench.model;

/**
 * The log density of a {@link DoubleWellModel} on the host, at one parameter value: f(x) = sum_i
 * (a_i x_i + b_i x_i^2 + c_i x_i^4) + g x_1 x_2 (g = 0 in 1-D), with the parameter layout Theta =
 * (a_1..a_d, b_1..b_d, c_1..c_d, then g in 2-D).
 */
final class WellPotential {
  final int dimension;
  final double[] linear;
  final double[] quadratic;
  final double[] quartic;
  final double coupling;

  private WellPotential(int dimension, double[] theta) {
    this.dimension = dimension;
    linear = new double[dimension];
    quadratic = new double[dimension];
    quartic = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      linear[i] = theta[linearIndex(i)];
      quadratic[i] = theta[quadraticIndex(dimension, i)];
      quartic[i] = theta[quarticIndex(dimension, i)];
    }
    coupling = dimension == 2 ? theta[couplingIndex(dimension)] : 0.0;
  }

  static WellPotential of(int dimension, double[] theta) {
    return new WellPotential(dimension, theta);
  }

  static int parameterCount(int dimension) {
    return dimension == 2 ? 7 : 3;
  }

  static int linearIndex(int axis) {
    return axis;
  }

  static int quadraticIndex(int dimension, int axis) {
    return dimension + axis;
  }

  static int quarticIndex(int dimension, int axis) {
    return 2 * dimension + axis;
  }

  static int couplingIndex(int dimension) {
    return 3 * dimension;
  }

  /** The terms of f that depend on x_i alone: a_i t + b_i t^2 + c_i t^4. */
  double axisTerm(int axis, double t) {
    double t2 = t * t;
    return linear[axis] * t + quadratic[axis] * t2 + quartic[axis] * t2 * t2;
  }

  /** f(x); in 1-D {@code x2} is ignored. */
  double value(double x1, double x2) {
    return dimension == 1
        ? axisTerm(0, x1)
        : axisTerm(0, x1) + axisTerm(1, x2) + coupling * x1 * x2;
  }

  /**
   * The sum of the absolute values of f's terms at x: the scale of f's rounding error, and an
   * increasing function of each |x_i|. In 1-D {@code x2} is ignored.
   */
  double termScale(double x1, double x2) {
    double scale = 0.0;
    for (int i = 0; i < dimension; i++) {
      double t = i == 0 ? x1 : x2;
      double t2 = t * t;
      scale +=
          Math.abs(linear[i] * t) + Math.abs(quadratic[i]) * t2 + Math.abs(quartic[i]) * t2 * t2;
    }
    return scale + Math.abs(coupling * x1 * x2);
  }

  /** df/dx_i at x; in 1-D {@code x2} is ignored. */
  double partial(int axis, double x1, double x2) {
    double t = axis == 0 ? x1 : x2;
    double other = axis == 0 ? x2 : x1;
    double derivative = linear[axis] + 2.0 * quadratic[axis] * t + 4.0 * quartic[axis] * t * t * t;
    return dimension == 1 ? derivative : derivative + coupling * other;
  }

  /** The largest |d^2 f / dx_i^2| = |2 b_i + 12 c_i t^2| over t in [lo, hi]. */
  double curvatureBound(int axis, double lo, double hi) {
    double smallest = lo <= 0.0 && hi >= 0.0 ? 0.0 : Math.min(lo * lo, hi * hi);
    double largest = Math.max(lo * lo, hi * hi);
    // Affine in t^2, so the extremes are at the ends of the t^2 range.
    return Math.max(
        Math.abs(2.0 * quadratic[axis] + 12.0 * quartic[axis] * smallest),
        Math.abs(2.0 * quadratic[axis] + 12.0 * quartic[axis] * largest));
  }

  /**
   * Checks that exp(f) is integrable: every quartic coefficient is negative, or, on an axis whose
   * quartic coefficient is 0, the density conditional on the other axis is a Gaussian (b_i < 0)
   * and, when both are 0, the quadratic form is negative definite (b_1, b_2 < 0 and g^2 < 4 b_1
   * b_2). These conditions are also necessary.
   *
   * @param model the model's description, for the message
   * @throws NotNormalizableException naming the offending coefficient otherwise
   */
  void requireNormalizable(String model) {
    for (int i = 0; i < dimension; i++) {
      requireFinite(model, "a", i, linear[i]);
      requireFinite(model, "b", i, quadratic[i]);
      requireFinite(model, "c", i, quartic[i]);
    }
    if (!Double.isFinite(coupling)) {
      throw new NotNormalizableException(model, "coupling g = " + coupling);
    }
    boolean allFlat = true;
    for (int i = 0; i < dimension; i++) {
      String axis = "x" + (i + 1);
      if (quartic[i] > 0.0) {
        throw new NotNormalizableException(
            model, "quartic coefficient of " + axis + " is " + quartic[i] + " > 0");
      }
      if (quartic[i] == 0.0 && quadratic[i] >= 0.0) {
        throw new NotNormalizableException(
            model,
            "quartic coefficient of "
                + axis
                + " is 0 and its quadratic coefficient is "
                + quadratic[i]
                + " >= 0");
      }
      allFlat &= quartic[i] == 0.0;
    }
    if (dimension == 2 && allFlat && coupling * coupling >= 4.0 * quadratic[0] * quadratic[1]) {
      throw new NotNormalizableException(
          model,
          "quartic coefficients are 0 and the quadratic form is not negative definite (g^2 = "
              + coupling * coupling
              + " >= 4 b1 b2 = "
              + 4.0 * quadratic[0] * quadratic[1]
              + ")");
    }
  }

  private static void requireFinite(String model, String name, int axis, double value) {
    if (!Double.isFinite(value)) {
      throw new NotNormalizableException(model, name + (axis + 1) + " = " + value);
    }
  }
}
