package org.ebmbench.experiments.toy;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.model.Domain;
import org.ebmbench.model.DoubleWellModel;
import org.ebmbench.model.ExponentialFamily;

/**
 * {@code {type: doublewell, d: 1}}: the suite's tilted double well in 1-D or 2-D ({@link
 * DoubleWellModel#standard1d}, {@link DoubleWellModel#standard2d}), log Z by quadrature.
 * Learning starts from f(x) = -sum_i x_i^4, normalizable and without wells.
 *
 * @param d the dimension, 1 or 2
 */
@JsonTypeName("doublewell")
public record DoubleWellSpec(Integer d) implements ToyModelSpec {
  @Override
  public void validate(FieldPath path) {
    Check.between(path.field("d"), d, 1, 2);
  }

  @Override
  public Domain domain() {
    return Domain.CONTINUOUS;
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public ExponentialFamily truth(Ops ops) {
    return d == 1 ? DoubleWellModel.standard1d(ops) : DoubleWellModel.standard2d(ops);
  }

  @Override
  public ExponentialFamily initial(Ops ops) {
    // Theta layout: (a, b, c) in 1-D; (a1, a2, b1, b2, c1, c2, g) in 2-D. Only c = -1.
    double[] theta = new double[DoubleWellModel.parameterCount(d)];
    for (int i = 0; i < d; i++) {
      theta[2 * d + i] = -1.0;
    }
    return DoubleWellModel.fromParameters(ops, d, theta);
  }
}
