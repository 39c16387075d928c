package org.ebmbench.data;

import org.ebmbench.model.Domain;
import org.ebmbench.random.RandomStream;

/**
 * A known distribution on R^d that data sets are drawn from exactly: the 2-D toy densities of the
 * neural family and the d-dimensional Gaussian mixture. Work is on the host (a point is d
 * doubles); metrics put what they need on the engine once.
 *
 * <p>Not every density has a closed-form log-density or score: {@link #hasLogDensity()} and
 * {@link #hasScore()} say which, and the methods throw {@link UnsupportedOperationException}
 * otherwise.
 */
public interface Density {
  /** The stable name suites use, for example "8gaussians". */
  String name();

  /** The number of variables d. */
  int dimension();

  /** {@code n} independent exact draws, row-major n x d, consuming {@code stream}. */
  double[] sample(int n, RandomStream stream);

  /** Whether {@link #logDensity} is available in closed form. */
  boolean hasLogDensity();

  /**
   * log p(x) at the point {@code x[offset .. offset + d)}; -infinity off the support.
   *
   * @throws UnsupportedOperationException if {@link #hasLogDensity()} is false
   */
  double logDensity(double[] x, int offset);

  /** Whether {@link #score} is available in closed form. */
  boolean hasScore();

  /**
   * The score grad_x log p(x) at {@code x[offset .. offset + d)} into {@code out[outOffset ..
   * outOffset + d)}.
   *
   * @throws UnsupportedOperationException if {@link #hasScore()} is false
   */
  void score(double[] x, int offset, double[] out, int outOffset);

  /** {@code n} exact draws as a data set named after the density. */
  default Dataset dataset(int n, RandomStream stream) {
    return Dataset.of(name(), n, dimension(), sample(n, stream), Domain.CONTINUOUS);
  }
}
