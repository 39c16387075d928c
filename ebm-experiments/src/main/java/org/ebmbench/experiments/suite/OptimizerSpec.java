package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The optimizer that follows an estimator's gradient: {@code optimizer: {type: adam, lr: 0.05}}.
 * Omitted parameters take their documented defaults at parse time, so writing a default
 * explicitly or leaving it out gives the same cell key.
 *
 * <p>Both types also take {@code weightDecay: lambda} (L2 on every parameter, biases included:
 * the gradient gains lambda Theta; default 0) and {@code schedule:} a learning-rate schedule
 * ({@link ScheduleSpec}; default constant). Their defaults are stored as absent (null), so
 * suites written before these fields existed keep their cell keys.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(OptimizerSpec.Sgd.class), @JsonSubTypes.Type(OptimizerSpec.Adam.class)})
public sealed interface OptimizerSpec {
  /** The optimizer type names a suite may use. */
  String ALLOWED = "sgd, adam";

  /** Checks the parameters; throws {@link InvalidSpecException}. */
  void validate(FieldPath path);

  /** The L2 coefficient, or null for none. */
  Double weightDecay();

  /** The learning-rate schedule, or null for a constant rate. */
  ScheduleSpec schedule();

  /** A weight decay of 0 is the same as none: stored as null, so it does not change the key. */
  private static Double normalizedDecay(Double weightDecay) {
    return weightDecay == null || weightDecay == 0.0 ? null : weightDecay;
  }

  /** A constant schedule is the default: stored as null, so it does not change the key. */
  private static ScheduleSpec normalizedSchedule(ScheduleSpec schedule) {
    return schedule instanceof ScheduleSpec.Constant ? null : schedule;
  }

  private static void validateCommon(FieldPath path, Double weightDecay, ScheduleSpec schedule) {
    if (weightDecay != null) {
      Check.between(path.field("weightDecay"), weightDecay, 0.0, 1.0);
    }
    if (schedule != null) {
      schedule.validate(path.field("schedule"));
    }
  }

  /**
   * How the learning rate changes with the step t (from 0): {@code {type: constant}}, {@code
   * {type: inverse, halfLife: 500}} for lr / (1 + t / halfLife), or {@code {type: linear, final:
   * 0.0}} for a linear ramp from lr to lr * final at the cell's last step.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(ScheduleSpec.Constant.class),
    @JsonSubTypes.Type(ScheduleSpec.Inverse.class),
    @JsonSubTypes.Type(ScheduleSpec.Linear.class)
  })
  sealed interface ScheduleSpec {
    /** The schedule type names a suite may use. */
    String ALLOWED = "constant, inverse, linear";

    /** Checks the parameters; throws {@link InvalidSpecException}. */
    void validate(FieldPath path);

    /** The base rate throughout. */
    @JsonTypeName("constant")
    record Constant() implements ScheduleSpec {
      @Override
      public void validate(FieldPath path) {}
    }

    /** lr / (1 + t / halfLife). */
    @JsonTypeName("inverse")
    record Inverse(Double halfLife) implements ScheduleSpec {
      @Override
      public void validate(FieldPath path) {
        Check.positive(path.field("halfLife"), halfLife);
      }
    }

    /** From lr to lr * final, linearly over the cell's steps. */
    @JsonTypeName("linear")
    record Linear(@com.fasterxml.jackson.annotation.JsonProperty("final") Double finalFraction)
        implements ScheduleSpec {
      public Linear {
        finalFraction = finalFraction == null ? 0.0 : finalFraction;
      }

      @Override
      public void validate(FieldPath path) {
        Check.between(path.field("final"), finalFraction, 0.0, 1.0);
      }
    }
  }

  /** Stochastic gradient descent with heavy-ball momentum (default 0). */
  @JsonTypeName("sgd")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Sgd(Double lr, Double momentum, Double weightDecay, ScheduleSpec schedule)
      implements OptimizerSpec {
    public Sgd {
      momentum = momentum == null ? 0.0 : momentum;
      weightDecay = normalizedDecay(weightDecay);
      schedule = normalizedSchedule(schedule);
    }

    /** Plain SGD with momentum, no weight decay, a constant rate. */
    public Sgd(Double lr, Double momentum) {
      this(lr, momentum, null, null);
    }

    @Override
    public void validate(FieldPath path) {
      Check.positive(path.field("lr"), lr);
      Check.between(path.field("momentum"), momentum, 0.0, 0.999);
      validateCommon(path, weightDecay, schedule);
    }
  }

  /** Adam with the usual defaults beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8. */
  @JsonTypeName("adam")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Adam(
      Double lr,
      Double beta1,
      Double beta2,
      Double epsilon,
      Double weightDecay,
      ScheduleSpec schedule)
      implements OptimizerSpec {
    public Adam {
      beta1 = beta1 == null ? 0.9 : beta1;
      beta2 = beta2 == null ? 0.999 : beta2;
      epsilon = epsilon == null ? 1e-8 : epsilon;
      weightDecay = normalizedDecay(weightDecay);
      schedule = normalizedSchedule(schedule);
    }

    /** Adam without weight decay, at a constant rate. */
    public Adam(Double lr, Double beta1, Double beta2, Double epsilon) {
      this(lr, beta1, beta2, epsilon, null, null);
    }

    @Override
    public void validate(FieldPath path) {
      Check.positive(path.field("lr"), lr);
      Check.between(path.field("beta1"), beta1, 0.0, 0.999999);
      Check.between(path.field("beta2"), beta2, 0.0, 0.999999);
      Check.positive(path.field("epsilon"), epsilon);
      validateCommon(path, weightDecay, schedule);
    }
  }
}
