package org.ebmbench.experiments.toy;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.model.Domain;
import org.ebmbench.model.ExponentialFamily;
import org.ebmbench.model.IsingModel;
import org.ebmbench.random.RandomStream;

/**
 * {@code {type: ising, n: 12, couplingScale: 0.5, fieldScale: 0.1, seed: 1}}: a fully visible
 * Boltzmann machine on n spins whose true couplings J_ij ~ N(0, couplingScale^2 / n) and fields
 * h_i ~ N(0, fieldScale^2) are drawn from {@code seed} ({@link IsingModel#random}). Learning
 * starts from all parameters zero (independent fair spins).
 *
 * @param n spins, 1 to {@value IsingModel#MAX_ENUMERATION_SPINS} (exact log Z by enumeration);
 *     data drawn from the model needs n <= {@value IsingModel#MAX_EXACT_SAMPLING_SPINS}
 * @param couplingScale the couplings' scale, an inverse temperature (default 0.5)
 * @param fieldScale the fields' standard deviation (default 0.1)
 * @param seed the seed of the true parameters (default 1), independent of the cell seeds
 */
@JsonTypeName("ising")
public record IsingSpec(Integer n, Double couplingScale, Double fieldScale, Long seed)
    implements ToyModelSpec {
  public IsingSpec {
    couplingScale = couplingScale == null ? 0.5 : couplingScale;
    fieldScale = fieldScale == null ? 0.1 : fieldScale;
    seed = seed == null ? 1L : seed;
  }

  @Override
  public void validate(FieldPath path) {
    Check.between(path.field("n"), n, 1, IsingModel.MAX_ENUMERATION_SPINS);
    Check.between(path.field("couplingScale"), couplingScale, 0.0, 10.0);
    Check.between(path.field("fieldScale"), fieldScale, 0.0, 10.0);
  }

  @Override
  public void checkExactSampling(FieldPath path) {
    if (n > IsingModel.MAX_EXACT_SAMPLING_SPINS) {
      throw new InvalidSpecException(
          path.field("n"),
          "data drawn from the model needs n <= " + IsingModel.MAX_EXACT_SAMPLING_SPINS
              + " (exact sampling), got " + n + "; give a data file for larger n");
    }
  }

  @Override
  public Domain domain() {
    return Domain.SPINS;
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public ExponentialFamily truth(Ops ops) {
    return IsingModel.random(ops, n, couplingScale, fieldScale, RandomStream.derive(seed, "ising-truth"));
  }

  @Override
  public ExponentialFamily initial(Ops ops) {
    return IsingModel.of(ops, new double[n], new double[n][n]);
  }
}
