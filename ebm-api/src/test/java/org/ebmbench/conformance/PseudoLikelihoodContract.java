package org.ebmbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.ebmbench.engine.Mat;
import org.ebmbench.metric.PseudoLikelihood;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.GaussianModel;
import org.ebmbench.model.IsingModel;
import org.ebmbench.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The pseudo-likelihood against conditionals computed independently: from brute-force marginals of
 * an RBM, from the local fields of an Ising model, and in closed form for independent units. The
 * values are means of log-probabilities of size ~1, so round-off is absolute, of order roundOff.
 */
public abstract class PseudoLikelihoodContract extends EngineContract {
  @Test
  void rbmMatchesConditionalsFromTheBruteForceMarginal() {
    RandomStream stream = RandomStream.of(91);
    BernoulliRbm model = BernoulliRbm.random(ops(), 5, 3, 1.0, 0.7, stream);
    double[] theta = model.parameterValues();
    double[][] w = new double[5][3];
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 3; j++) {
        w[i][j] = theta[BernoulliRbm.weightIndex(3, i, j)];
      }
    }
    double[] b = Arrays.copyOfRange(theta, 15, 20);
    double[] c = Arrays.copyOfRange(theta, 20, 23);
    RbmBruteForce reference = new RbmBruteForce(w, b, c);
    int rows = 8;
    double[] x = new double[rows * 5];
    for (int k = 0; k < x.length; k++) {
      x[k] = stream.nextDouble() < 0.5 ? 0 : 1;
    }
    double expected = 0.0;
    for (int r = 0; r < rows; r++) {
      double[] v = Arrays.copyOfRange(x, r * 5, (r + 1) * 5);
      double f = reference.logDensity(v);
      for (int i = 0; i < 5; i++) {
        double[] flipped = v.clone();
        flipped[i] = 1 - v[i];
        double g = reference.logDensity(flipped);
        expected += f - Math.log(Math.exp(f) + Math.exp(g));
      }
    }
    expected /= rows * 5;
    assertThat(PseudoLikelihood.mean(model, ops().fromHost(rows, 5, x)))
        .isCloseTo(expected, within(tolerances().roundOff()));
  }

  @Test
  void isingMatchesLocalFieldConditionals() {
    RandomStream stream = RandomStream.of(92);
    IsingModel model = IsingModel.random(ops(), 6, 1.0, 0.5, stream);
    double[] h = model.fieldValues();
    double[][] j = model.couplingValues();
    int rows = 7;
    double[] x = new double[rows * 6];
    for (int k = 0; k < x.length; k++) {
      x[k] = stream.nextDouble() < 0.5 ? -1 : 1;
    }
    // P(x_i | x_-i) = sigmoid(2 x_i F_i) with the local field F_i = h_i + sum_j J_ij x_j.
    double expected = 0.0;
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < 6; i++) {
        double field = h[i];
        for (int k = 0; k < 6; k++) {
          field += j[i][k] * x[r * 6 + k];
        }
        expected += -Math.log1p(Math.exp(-2 * x[r * 6 + i] * field));
      }
    }
    expected /= rows * 6;
    assertThat(new PseudoLikelihood(ops().fromHost(rows, 6, x)).evaluate(model).value())
        .isCloseTo(expected, within(tolerances().roundOff()));
  }

  @Test
  void independentUnitsGiveTheMeanLogMarginal() {
    // W = 0: each conditional is the marginal, log sigmoid(b_i) for a 1 and log sigmoid(-b_i) for
    // a 0; the hidden biases do not matter.
    double[] b = {0.5, -1.0, 2.0};
    BernoulliRbm model = BernoulliRbm.of(ops(), new double[3][2], b, new double[] {3.0, -1.0});
    double[] x = {1, 0, 1, 0, 0, 1};
    double expected = 0.0;
    for (int k = 0; k < x.length; k++) {
      double sign = x[k] == 1 ? 1 : -1;
      expected += -Math.log1p(Math.exp(-sign * b[k % 3]));
    }
    expected /= 6;
    assertThat(PseudoLikelihood.mean(model, ops().fromHost(2, 3, x)))
        .isCloseTo(expected, within(tolerances().roundOff()));
  }

  @Test
  void theDataAreLeftUnchangedAndErrorsAreNamed() {
    BernoulliRbm model = BernoulliRbm.random(ops(), 4, 2, 1.0, 1.0, RandomStream.of(93));
    double[] x = {1, 0, 0, 1, 0, 1, 1, 1};
    Mat data = ops().fromHost(2, 4, x);
    PseudoLikelihood metric = new PseudoLikelihood(data);
    assertThat(metric.name()).isEqualTo("pseudoLogLikelihood");
    assertThat(metric.evaluate(model).hasStandardError()).isFalse();
    assertThat(ops().toHost(data)).containsExactly(x);
    assertThatThrownBy(() -> PseudoLikelihood.mean(model, ops().zeros(2, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rbm(nv=4,nh=2)");
    GaussianModel gaussian =
        GaussianModel.fromMeanAndCovariance(ops(), new double[] {0}, new double[][] {{1}});
    assertThatThrownBy(() -> PseudoLikelihood.mean(gaussian, ops().zeros(2, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("continuous");
  }
}
