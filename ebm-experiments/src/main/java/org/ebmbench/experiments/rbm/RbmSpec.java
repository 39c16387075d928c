package org.ebmbench.experiments.rbm;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.ModelSpec;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.random.RandomStream;

/**
 * {@code {type: rbm, hidden: 16, weightScale: 0.01, seed: 1}}: a Bernoulli-Bernoulli RBM whose
 * visible layer is as wide as the data. Learning starts from weights W_ij ~ N(0, weightScale^2)
 * drawn from {@code seed} and zero biases (the usual small random start: zero weights would keep
 * every hidden unit identical forever).
 *
 * @param hidden hidden units, 1 to {@value #MAX_HIDDEN}; exact log-likelihoods need the smaller
 *     layer to have at most {@value BernoulliRbm#MAX_ENUMERATED_UNITS} units
 * @param weightScale the initial weights' standard deviation (default 0.01)
 * @param seed the seed of the initial weights (default 1), independent of the cell seeds
 */
@JsonTypeName("rbm")
public record RbmSpec(Integer hidden, Double weightScale, Long seed) implements ModelSpec {
  /** The most hidden units a suite may ask for. */
  public static final int MAX_HIDDEN = 4096;

  public RbmSpec {
    weightScale = weightScale == null ? 0.01 : weightScale;
    seed = seed == null ? 1L : seed;
  }

  @Override
  public void validate(FieldPath path) {
    Check.between(path.field("hidden"), hidden, 1, MAX_HIDDEN);
    Check.between(path.field("weightScale"), weightScale, 0.0, 10.0);
  }

  /** The starting point of learning for {@code visible} visible units, on {@code ops}. */
  BernoulliRbm initial(Ops ops, int visible) {
    return BernoulliRbm.random(
        ops, visible, hidden, weightScale, 0.0, RandomStream.derive(seed, "rbm-initial"));
  }
}
