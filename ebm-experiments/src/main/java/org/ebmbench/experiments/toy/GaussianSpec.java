package org.ebmbench.experiments.toy;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.model.Domain;
import org.ebmbench.model.ExponentialFamily;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.random.RandomStream;

/**
 * {@code {type: gaussian, d: 3, seed: 1}}: a d-dimensional Gaussian whose true mean has
 * N(0, meanScale^2) entries and whose covariance is B B^T / d + I / 2 with B_ij ~ N(0, 1), all
 * drawn from {@code seed}: correlated, with every eigenvalue at least 1/2 so the precision stays
 * well conditioned. Learning starts from the standard normal (eta = 0, Lambda = I).
 *
 * @param d the dimension, 1 to {@value #MAX_DIMENSION}
 * @param meanScale the true mean's scale (default 1)
 * @param seed the seed of the true parameters (default 1), independent of the cell seeds
 */
@JsonTypeName("gaussian")
public record GaussianSpec(Integer d, Double meanScale, Long seed) implements ToyModelSpec {
  /** The largest dimension: d (d + 3) / 2 parameters, 560 at d = 32. */
  public static final int MAX_DIMENSION = 32;

  public GaussianSpec {
    meanScale = meanScale == null ? 1.0 : meanScale;
    seed = seed == null ? 1L : seed;
  }

  @Override
  public void validate(FieldPath path) {
    Check.between(path.field("d"), d, 1, MAX_DIMENSION);
    Check.between(path.field("meanScale"), meanScale, 0.0, 100.0);
  }

  @Override
  public Domain domain() {
    return Domain.CONTINUOUS;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public ExponentialFamily truth(Ops ops) {
    RandomStream stream = RandomStream.derive(seed, "gaussian-truth");
    double[] mean = new double[d];
    for (int i = 0; i < d; i++) {
      mean[i] = meanScale * stream.nextGaussian();
    }
    double[][] b = new double[d][d];
    for (double[] row : b) {
      for (int j = 0; j < d; j++) {
        row[j] = stream.nextGaussian();
      }
    }
    double[][] covariance = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = 0;
        for (int k = 0; k < d; k++) {
          sum += b[i][k] * b[j][k];
        }
        covariance[i][j] = sum / d + (i == j ? 0.5 : 0.0);
        covariance[j][i] = covariance[i][j];
      }
    }
    return GaussianModel.fromMeanAndCovariance(ops, mean, covariance);
  }

  @Override
  public ExponentialFamily initial(Ops ops) {
    double[][] identity = new double[d][d];
    for (int i = 0; i < d; i++) {
      identity[i][i] = 1.0;
    }
    return GaussianModel.fromNatural(ops, new double[d], identity);
  }
}
