package org.ebmbench.experiments.neural;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.ebmbench.engine.Ops;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.ModelSpec;
import org.ebmbench.neural.Activation;
import org.ebmbench.neural.MlpEnergy;
import org.ebmbench.random.RandomStream;

/**
 * {@code {type: mlp, hidden: [64, 64], activation: silu, seed: 1}}: an MLP energy f(x) whose input
 * is as wide as the data and whose output is one number, so the widths are d, hidden..., 1.
 * Learning starts from PyTorch's default initialisation drawn from {@code seed}.
 *
 * @param hidden the hidden layers' widths, 1 to {@value #MAX_LAYERS} layers of 1 to {@value
 *     #MAX_WIDTH} units
 * @param activation softplus, silu or tanh (default silu)
 * @param seed the seed of the initial weights (default 1), independent of the cell seeds
 */
@JsonTypeName("mlp")
public record MlpSpec(List<Integer> hidden, String activation, Long seed) implements ModelSpec {
  /** The most hidden layers a suite may ask for. */
  public static final int MAX_LAYERS = 6;

  /** The widest hidden layer a suite may ask for. */
  public static final int MAX_WIDTH = 4096;

  public MlpSpec {
    activation = activation == null ? "silu" : activation;
    seed = seed == null ? 1L : seed;
  }

  @Override
  public void validate(FieldPath path) {
    Check.nonEmpty(path.field("hidden"), hidden);
    if (hidden.size() > MAX_LAYERS) {
      throw new InvalidSpecException(
          path.field("hidden"), "at most " + MAX_LAYERS + " hidden layers, got " + hidden.size());
    }
    for (int l = 0; l < hidden.size(); l++) {
      Check.between(path.field("hidden").index(l), hidden.get(l), 1, MAX_WIDTH);
    }
    activation(path);
  }

  private Activation activation(FieldPath path) {
    try {
      return Activation.parse(activation);
    } catch (IllegalArgumentException e) {
      throw new InvalidSpecException(path.field("activation"), e.getMessage());
    }
  }

  /** The widths input to output for data of {@code dimension} columns. */
  int[] widths(int dimension) {
    int[] widths = new int[hidden.size() + 2];
    widths[0] = dimension;
    for (int l = 0; l < hidden.size(); l++) {
      widths[l + 1] = hidden.get(l);
    }
    widths[widths.length - 1] = 1;
    return widths;
  }

  /** The starting point of learning for data of {@code dimension} columns, on {@code ops}. */
  MlpEnergy initial(Ops ops, int dimension) {
    return MlpEnergy.initialized(
        ops, widths(dimension), Activation.parse(activation), RandomStream.derive(seed, "mlp-initial"));
  }
}
