package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The optimizer that follows an estimator's gradient: {@code optimizer: {type: adam, lr: 0.05}}.
 * Omitted parameters take their documented defaults at parse time, so writing a default
 * explicitly or leaving it out gives the same cell key.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(OptimizerSpec.Sgd.class),
  @JsonSubTypes.Type(OptimizerSpec.Adam.class),
  @JsonSubTypes.Type(OptimizerSpec.Lbfgs.class)
})
public sealed interface OptimizerSpec {
  /** The optimizer type names a suite may use. */
  String ALLOWED = "sgd, adam, lbfgs";

  /** Checks the parameters; throws {@link InvalidSpecException}. */
  void validate(FieldPath path);

  /** Stochastic gradient descent with heavy-ball momentum (default 0). */
  @JsonTypeName("sgd")
  record Sgd(Double lr, Double momentum) implements OptimizerSpec {
    public Sgd {
      momentum = momentum == null ? 0.0 : momentum;
    }

    @Override
    public void validate(FieldPath path) {
      Check.positive(path.field("lr"), lr);
      Check.between(path.field("momentum"), momentum, 0.0, 0.999);
    }
  }

  /** Adam with the usual defaults beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8. */
  @JsonTypeName("adam")
  record Adam(Double lr, Double beta1, Double beta2, Double epsilon) implements OptimizerSpec {
    public Adam {
      beta1 = beta1 == null ? 0.9 : beta1;
      beta2 = beta2 == null ? 0.999 : beta2;
      epsilon = epsilon == null ? 1e-8 : epsilon;
    }

    @Override
    public void validate(FieldPath path) {
      Check.positive(path.field("lr"), lr);
      Check.between(path.field("beta1"), beta1, 0.0, 0.999999);
      Check.between(path.field("beta2"), beta2, 0.0, 0.999999);
      Check.positive(path.field("epsilon"), epsilon);
    }
  }

  /**
   * L-BFGS on the full-batch objective (crf family, exact MLE only): steps cap the iterations;
   * stops earlier as CRFsuite does, when ||g|| <= gradientTolerance * max(1, ||w||) or the
   * objective fell by less than relativeDecrease over the last 10 iterations.
   *
   * @param memory correction pairs kept (default 6)
   * @param gradientTolerance default 1e-5
   * @param relativeDecrease default 1e-5
   */
  @JsonTypeName("lbfgs")
  record Lbfgs(Integer memory, Double gradientTolerance, Double relativeDecrease)
      implements OptimizerSpec {
    public Lbfgs {
      memory = memory == null ? 6 : memory;
      gradientTolerance = gradientTolerance == null ? 1e-5 : gradientTolerance;
      relativeDecrease = relativeDecrease == null ? 1e-5 : relativeDecrease;
    }

    @Override
    public void validate(FieldPath path) {
      Check.between(path.field("memory"), memory, 1, 100);
      Check.between(path.field("gradientTolerance"), gradientTolerance, 0.0, 1.0);
      Check.between(path.field("relativeDecrease"), relativeDecrease, 0.0, 1.0);
    }
  }
}
