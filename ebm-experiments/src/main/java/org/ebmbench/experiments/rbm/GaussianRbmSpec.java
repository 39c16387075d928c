package org.ebmbench.experiments.rbm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.model.GaussianBernoulliRbm;
import org.ebmbench.random.RandomStream;

/**
 * {@code {type: gaussian-rbm, hidden: 8, learnVariances: true, weightScale: 0.01, seed: 1}}: a
 * Gaussian-Bernoulli RBM (real visible units, docs/RBM.md) whose visible layer is as wide as the
 * data. Learning starts from weights W_ij ~ N(0, weightScale^2) drawn from {@code seed}, zero
 * biases and unit variances. Its log Z is exact by enumerating the hidden layer, so {@code hidden}
 * is at most {@value BernoulliRbm#MAX_ENUMERATED_UNITS}.
 *
 * @param hidden hidden units, 1 to {@value BernoulliRbm#MAX_ENUMERATED_UNITS}
 * @param learnVariances whether the visible variances are parameters too (default true; false
 *     keeps them at 1)
 * @param weightScale the initial weights' standard deviation (default 0.01)
 * @param seed the seed of the initial weights (default 1), independent of the cell seeds
 */
@JsonTypeName("gaussian-rbm")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GaussianRbmSpec(
    Integer hidden, Boolean learnVariances, Double weightScale, Long seed)
    implements RbmModelSpec {
  public GaussianRbmSpec {
    learnVariances = learnVariances == null || learnVariances;
    weightScale = weightScale == null ? 0.01 : weightScale;
    seed = seed == null ? 1L : seed;
  }

  @Override
  public void validate(FieldPath path) {
    Check.between(path.field("hidden"), hidden, 1, BernoulliRbm.MAX_ENUMERATED_UNITS);
    Check.between(path.field("weightScale"), weightScale, 0.0, 10.0);
  }

  @Override
  public GaussianBernoulliRbm initial(Ops ops, int visible) {
    return GaussianBernoulliRbm.random(
        ops, visible, hidden, learnVariances, weightScale, 0.0,
        RandomStream.derive(seed, "gaussian-rbm-initial"));
  }
}
