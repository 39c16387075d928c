package org.ebmbench.experiments.run;

import org.ebmbench.engine.Ops;
import org.ebmbench.estimator.ContrastiveDivergence;
import org.ebmbench.estimator.DenoisingScoreMatching;
import org.ebmbench.estimator.Estimator;
import org.ebmbench.estimator.ExactMle;
import org.ebmbench.estimator.ScoreMatching;
import org.ebmbench.estimator.SlicedScoreMatching;
import org.ebmbench.experiments.suite.EstimatorSpec;
import org.ebmbench.experiments.suite.OptimizerSpec;
import org.ebmbench.experiments.suite.SamplerSpec;
import org.ebmbench.optim.Adam;
import org.ebmbench.optim.Optimizer;
import org.ebmbench.optim.Sgd;
import org.ebmbench.sampler.GibbsSampler;
import org.ebmbench.sampler.LangevinSampler;
import org.ebmbench.sampler.MalaSampler;
import org.ebmbench.sampler.MetropolisHastings;
import org.ebmbench.sampler.Sampler;

/** Builds the API's estimators, samplers and optimizers from validated suite specs. */
public final class Components {
  private Components() {}

  /** A fresh estimator (estimators keep state: one per cell). */
  public static Estimator estimator(EstimatorSpec.Parsed parsed, SamplerSpec sampler) {
    return switch (parsed.kind()) {
      case EXACT_MLE -> new ExactMle();
      case SCORE_MATCHING -> new ScoreMatching();
      case CD -> ContrastiveDivergence.cd(parsed.k(), sampler(sampler));
      case PCD -> ContrastiveDivergence.persistent(parsed.k(), sampler(sampler));
      case SLICED_SM -> new SlicedScoreMatching(
          parsed.k(),
          parsed.gaussianProjections()
              ? SlicedScoreMatching.Projection.GAUSSIAN
              : SlicedScoreMatching.Projection.RADEMACHER,
          parsed.varianceReduced());
      case DENOISING_SM -> new DenoisingScoreMatching(parsed.sigma());
      case GRID_MLE, REPLAY_CD -> throw new IllegalArgumentException(
          parsed.kind() + " needs the experiment's quadrature grid or noise box: its family builds it");
    };
  }

  /** A fresh sampler (samplers may keep acceptance statistics: one per cell). */
  public static Sampler sampler(SamplerSpec spec) {
    if (spec instanceof SamplerSpec.Gibbs) {
      return new GibbsSampler();
    }
    if (spec instanceof SamplerSpec.MetropolisHastings mh) {
      return mh.stepSize() == null ? new MetropolisHastings() : new MetropolisHastings(mh.stepSize());
    }
    if (spec instanceof SamplerSpec.Langevin langevin) {
      return new LangevinSampler(langevin.stepSize());
    }
    if (spec instanceof SamplerSpec.Mala mala) {
      return new MalaSampler(mala.stepSize());
    }
    throw new IllegalArgumentException("no sampler for " + spec);
  }

  /** A fresh optimizer on {@code ops}. */
  public static Optimizer optimizer(OptimizerSpec spec, Ops ops) {
    if (spec instanceof OptimizerSpec.Sgd sgd) {
      return new Sgd(ops, sgd.lr(), sgd.momentum());
    }
    if (spec instanceof OptimizerSpec.Adam adam) {
      return new Adam(ops, adam.lr(), adam.beta1(), adam.beta2(), adam.epsilon());
    }
    throw new IllegalArgumentException("no optimizer for " + spec);
  }
}
