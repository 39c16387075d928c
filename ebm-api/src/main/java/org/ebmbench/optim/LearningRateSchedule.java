package org.ebmbench.optim;

/**
 * How an optimizer's learning rate changes with the step count t = 0, 1, 2, ...: the rate used at
 * step t is lr * factor(t).
 */
public sealed interface LearningRateSchedule {
  /** The multiplier of the base learning rate at step {@code t} (0 for the first step). */
  double factor(long t);

  /** A short, stable description, for example "inverse(halfLife=500)". */
  String describe();

  /** The base rate at every step. */
  static LearningRateSchedule constant() {
    return Constant.INSTANCE;
  }

  /**
   * lr / (1 + t / halfLife): halved after {@code halfLife} steps, decaying like 1/t after that (the
   * Robbins-Monro condition for stochastic approximation).
   */
  static LearningRateSchedule inverse(double halfLife) {
    return new Inverse(OptimizerState.requirePositive("inverse schedule", "halfLife", halfLife));
  }

  /**
   * Linear from lr at step 0 to lr * finalFraction at step {@code steps} (and constant after),
   * as Tieleman (2008) decays PCD's rate to zero.
   */
  static LearningRateSchedule linear(double finalFraction, long steps) {
    if (!(finalFraction >= 0.0 && finalFraction <= 1.0)) {
      throw new IllegalArgumentException(
          "linear schedule final fraction must be in [0, 1], got " + finalFraction);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("linear schedule needs at least 1 step, got " + steps);
    }
    return new Linear(finalFraction, steps);
  }

  /** The base rate unchanged. */
  enum Constant implements LearningRateSchedule {
    INSTANCE;

    @Override
    public double factor(long t) {
      return 1.0;
    }

    @Override
    public String describe() {
      return "constant";
    }
  }

  /** 1 / (1 + t / halfLife). */
  record Inverse(double halfLife) implements LearningRateSchedule {
    @Override
    public double factor(long t) {
      return 1.0 / (1.0 + t / halfLife);
    }

    @Override
    public String describe() {
      return "inverse(halfLife=" + halfLife + ")";
    }
  }

  /** 1 - (1 - finalFraction) min(t, steps) / steps. */
  record Linear(double finalFraction, long steps) implements LearningRateSchedule {
    @Override
    public double factor(long t) {
      return 1.0 - (1.0 - finalFraction) * Math.min(t, steps) / steps;
    }

    @Override
    public String describe() {
      return "linear(final=" + finalFraction + ",steps=" + steps + ")";
    }
  }
}
