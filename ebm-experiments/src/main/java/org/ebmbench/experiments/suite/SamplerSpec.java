package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonInclude;
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

  /** Single-site Gibbs sweeps for discrete models. */
  @JsonTypeName("gibbs")
  record Gibbs() implements SamplerSpec {
    @Override
    public void validate(FieldPath path) {}
  }

  /**
   * Random-walk Metropolis-Hastings: Gaussian proposals of standard deviation stepSize for
   * continuous models (required there), single-site flips for discrete ones (no stepSize).
   */
  @JsonTypeName("mh")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MetropolisHastings(Double stepSize) implements SamplerSpec {
    @Override
    public void validate(FieldPath path) {
      if (stepSize != null) {
        Check.positive(path.field("stepSize"), stepSize);
      }
    }
  }

  /** Unadjusted Langevin: x + stepSize grad f(x) + sqrt(2 stepSize) noise. */
  @JsonTypeName("langevin")
  record Langevin(Double stepSize) implements SamplerSpec {
    @Override
    public void validate(FieldPath path) {
      Check.positive(path.field("stepSize"), stepSize);
    }
  }

  /** Metropolis-adjusted Langevin with the given step size. */
  @JsonTypeName("mala")
  record Mala(Double stepSize) implements SamplerSpec {
    @Override
    public void validate(FieldPath path) {
      Check.positive(path.field("stepSize"), stepSize);
    }
  }
}
