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
import org.ebmbench.optim.LearningRateSchedule;
import org.ebmbench.optim.Optimizer;
import org.ebmbench.optim.Sgd;
import org.ebmbench.optim.WeightDecay;
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

  /**
   * A fresh optimizer on {@code ops}, for a cell of {@code steps} steps (the length of a linear
   * schedule), with its weight decay if any.
   */
  public static Optimizer optimizer(OptimizerSpec spec, Ops ops, long steps) {
    LearningRateSchedule schedule = schedule(spec.schedule(), steps);
    Optimizer optimizer;
    if (spec instanceof OptimizerSpec.Sgd sgd) {
      optimizer = new Sgd(ops, sgd.lr(), sgd.momentum(), schedule);
    } else if (spec instanceof OptimizerSpec.Adam adam) {
      optimizer = new Adam(ops, adam.lr(), adam.beta1(), adam.beta2(), adam.epsilon(), schedule);
    } else {
      throw new IllegalArgumentException("no optimizer for " + spec);
    }
    return spec.weightDecay() == null ? optimizer : new WeightDecay(ops, optimizer, spec.weightDecay());
  }

  private static LearningRateSchedule schedule(OptimizerSpec.ScheduleSpec spec, long steps) {
    if (spec == null || spec instanceof OptimizerSpec.ScheduleSpec.Constant) {
      return LearningRateSchedule.constant();
    }
    if (spec instanceof OptimizerSpec.ScheduleSpec.Inverse inverse) {
      return LearningRateSchedule.inverse(inverse.halfLife());
    }
    if (spec instanceof OptimizerSpec.ScheduleSpec.Linear linear) {
      return LearningRateSchedule.linear(linear.finalFraction(), steps);
    }
    throw new IllegalArgumentException("no schedule for " + spec);
  }
}
