package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The Markov chain a sampling-based estimator (CD, PCD) runs: {@code sampler: {type: mala,
 * stepSize: 0.05}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(SamplerSpec.Gibbs.class),
  @JsonSubTypes.Type(SamplerSpec.MetropolisHastings.class),
  @JsonSubTypes.Type(SamplerSpec.Langevin.class),
  @JsonSubTypes.Type(SamplerSpec.Mala.class)
})
public sealed interface SamplerSpec {
  /** The sampler type names a suite may use. */
  String ALLOWED = "gibbs, mh, langevin, mala";

  /** Checks the parameters; throws {@link InvalidSpecException}. */
  void validate(FieldPath path);

  /** Whether this sampler moves continuous states (as opposed to discrete ones). */
  boolean continuous();

  /** Single-site Gibbs sweeps for discrete models. */
  @JsonTypeName("gibbs")
  record Gibbs() implements SamplerSpec {
    @Override
    public void validate(FieldPath path) {}

    @Override
    public boolean continuous() {
      return false;
    }
  }

  /** Random-walk Metropolis-Hastings with Gaussian proposals of standard deviation stepSize. */
  @JsonTypeName("mh")
  record MetropolisHastings(Double stepSize) implements SamplerSpec {
    @Override
    public void validate(FieldPath path) {
      Check.positive(path.field("stepSize"), stepSize);
    }

    @Override
    public boolean continuous() {
      return true;
    }
  }

  /** Unadjusted Langevin: x + stepSize grad f(x) + sqrt(2 stepSize) noise. */
  @JsonTypeName("langevin")
  record Langevin(Double stepSize) implements SamplerSpec {
    @Override
    public void validate(FieldPath path) {
      Check.positive(path.field("stepSize"), stepSize);
    }

    @Override
    public boolean continuous() {
      return true;
    }
  }

  /** Metropolis-adjusted Langevin with the given step size. */
  @JsonTypeName("mala")
  record Mala(Double stepSize) implements SamplerSpec {
    @Override
    public void validate(FieldPath path) {
      Check.positive(path.field("stepSize"), stepSize);
    }

    @Override
    public boolean continuous() {
      return true;
    }
  }
}
