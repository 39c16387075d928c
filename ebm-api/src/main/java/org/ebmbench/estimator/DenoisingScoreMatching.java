package org.ebmbench.estimator;

import java.util.List;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.DirectionalDerivatives;
import org.ebmbench.model.DirectionalDerivatives.Direction;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.random.RandomStream;

/**
 * Denoising score matching (Vincent 2011): match the model's score at a noisy point x~ = x + sigma
 * eps, eps ~ N(0, I), to the score of the noise kernel, -(x~ - x) / sigma^2 = -eps / sigma:
 *
 * <pre>
 *   J = mean_i |grad f(x~_i) + eps_i / sigma|^2 / 2.
 * </pre>
 *
 * Its minimizer is the score of the data smoothed by N(0, sigma^2 I), not of the data; as sigma
 * goes to 0, E[J] - d / (2 sigma^2) tends to Hyvarinen's objective with an O(sigma^2) error. With r
 * = grad f(x~) + eps / sigma held fixed, dJ/dTheta = mean_i r_i . d grad f(x~_i)/dTheta: one
 * first-order block of {@link DirectionalDerivatives} along r (formed in the pass, from the same
 * forward activations as the score). Keeps its noise buffers between
 * calls: one instance per run.
 */
public final class DenoisingScoreMatching implements Estimator {
  private final double sigma;

  private Ops ops;
  private Mat noise;
  private Mat noisy;
  private Mat offset;
  private Mat squares;

  /** @param sigma the noise scale, positive and finite */
  public DenoisingScoreMatching(double sigma) {
    if (!(sigma > 0.0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException(
          "denoising score matching needs a positive finite noise sigma, got " + sigma);
    }
    this.sigma = sigma;
  }

  public double sigma() {
    return sigma;
  }

  /** For example "dsm(sigma=0.1)". */
  @Override
  public String describe() {
    return "dsm(sigma=" + sigma + ")";
  }

  @Override
  public void lossGradient(EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    lossAndGradient(model, batch, stream, gradientOut);
  }

  /**
   * Draws eps (n x dimension, row-major) from {@code stream}, writes dJ/dTheta into {@code
   * gradientOut} and returns J.
   */
  public double lossAndGradient(
      EnergyModel model, Mat batch, RandomStream stream, Mat gradientOut) {
    Capabilities.requireRowsOf(model, batch, describe() + ": batch");
    allocate(model.ops(), batch.rows(), batch.cols());
    ops.gaussian(stream, noise);
    return lossAndGradient(model, batch, noise, gradientOut);
  }

  /**
   * J and dJ/dTheta at the given noise draws eps (n x dimension) instead of random ones: for
   * common random numbers across models, and for tests that integrate over eps by quadrature.
   */
  public double lossAndGradient(EnergyModel model, Mat batch, Mat eps, Mat gradientOut) {
    DirectionalDerivatives m =
        Capabilities.require(model, DirectionalDerivatives.class, describe());
    Capabilities.requireRowsOf(model, batch, describe() + ": batch");
    if (eps.rows() != batch.rows() || eps.cols() != batch.cols()) {
      throw new IllegalArgumentException(
          describe() + ": noise " + eps.rows() + " x " + eps.cols() + " does not fit the batch "
              + batch.rows() + " x " + batch.cols());
    }
    allocate(model.ops(), batch.rows(), batch.cols());
    double n = batch.rows();
    ops.axpby(1.0, batch, sigma, eps, noisy);
    ops.affine(eps, 1.0 / sigma, 0.0, offset);
    double[] objective = {0.0};
    m.directionalParameterGradient(
        noisy,
        List.of(Direction.alongScore(1.0, offset)),
        (block, residual, first, curvature, alpha, beta) -> {
          ops.multiply(residual, residual, squares);
          objective[0] = 0.5 * ops.sum(squares) / n;
          ops.fill(1.0 / n, alpha);
        },
        gradientOut);
    return objective[0];
  }

  private void allocate(Ops modelOps, int rows, int dimension) {
    if (ops == modelOps && noise != null && noise.rows() == rows && noise.cols() == dimension) {
      return;
    }
    ops = modelOps;
    noise = ops.zeros(rows, dimension);
    noisy = ops.zeros(rows, dimension);
    offset = ops.zeros(rows, dimension);
    squares = ops.zeros(rows, dimension);
  }
}
