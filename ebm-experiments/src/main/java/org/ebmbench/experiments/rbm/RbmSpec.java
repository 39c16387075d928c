package org.ebmbench.experiments.rbm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.ebmbench.data.Dataset;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.metric.AnnealedImportanceSampling;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.random.RandomStream;

/**
 * {@code {type: rbm, hidden: 16, weightScale: 0.01, seed: 1}}: a Bernoulli-Bernoulli RBM whose
 * visible layer is as wide as the data. Learning starts from weights W_ij ~ N(0, weightScale^2)
 * drawn from {@code seed} and zero biases (the usual small random start: zero weights would keep
 * every hidden unit identical forever).
 *
 * @param hidden hidden units, 1 to {@value #MAX_HIDDEN}; exact log-likelihoods need the smaller
 *     layer to have at most {@value BernoulliRbm#MAX_ENUMERATED_UNITS} units, larger models need
 *     {@code ais}
 * @param weightScale the initial weights' standard deviation (default 0.01)
 * @param seed the seed of the initial weights (default 1), independent of the cell seeds
 * @param ais when given, held-out images are also scored by annealed importance sampling
 *     (heldOutLogLikelihoodAis and its standard error); absent by default
 */
@JsonTypeName("rbm")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RbmSpec(Integer hidden, Double weightScale, Long seed, AisSpec ais)
    implements RbmModelSpec {
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
    if (ais != null) {
      ais.validate(path.field("ais"));
    }
  }

  @Override
  public BernoulliRbm initial(Ops ops, int visible) {
    return BernoulliRbm.random(
        ops, visible, hidden, weightScale, 0.0, RandomStream.derive(seed, "rbm-initial"));
  }

  /**
   * {@code {steps: 1000, runs: 100, seed: 1, schedule: salakhutdinov-murray}}: AIS from the
   * base-rate model of the training data along {@code steps} inverse temperatures, with {@code runs}
   * independent runs drawn from {@code seed} (the same draws at every evaluation, so a curve's
   * changes are not AIS noise). The schedule is the shape of Salakhutdinov and Murray's (most steps
   * near beta = 1; {@link AnnealedImportanceSampling#salakhutdinovMurrayTemperatures(int)}) or
   * {@code linear} (evenly spaced, which misses mass on trained image models: docs/RBM.md). With
   * {@code reverse: true} the held-out images are also scored by reverse annealing along the same
   * path (heldOutLogLikelihoodRaise, one chain per held-out image: conservative where AIS is
   * optimistic).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AisSpec(
      Integer steps, Integer runs, Long seed, String schedule, Boolean reverse) {
    /** The default schedule's name. */
    public static final String SALAKHUTDINOV_MURRAY = "salakhutdinov-murray";

    /** Evenly spaced inverse temperatures. */
    public static final String LINEAR = "linear";

    public AisSpec {
      steps = steps == null ? 1000 : steps;
      runs = runs == null ? 100 : runs;
      seed = seed == null ? 1L : seed;
      schedule = schedule == null ? SALAKHUTDINOV_MURRAY : schedule;
      reverse = reverse != null && reverse;
    }

    void validate(FieldPath path) {
      Check.between(path.field("steps"), steps, 1, 1_000_000);
      Check.between(path.field("runs"), runs, 2, 100_000);
      if (!schedule.equals(SALAKHUTDINOV_MURRAY) && !schedule.equals(LINEAR)) {
        throw new InvalidSpecException(
            path.field("schedule"),
            "must be " + SALAKHUTDINOV_MURRAY + " or " + LINEAR + ", got '" + schedule + "'");
      }
    }

    /** The estimator for a model trained on {@code train}. */
    AnnealedImportanceSampling estimator(Dataset train) {
      return new AnnealedImportanceSampling(
          AnnealedImportanceSampling.baseRateBiases(train),
          schedule.equals(LINEAR)
              ? AnnealedImportanceSampling.linearTemperatures(steps)
              : AnnealedImportanceSampling.salakhutdinovMurrayTemperatures(steps),
          runs,
          seed);
    }
  }
}
