package org.ebmbench.experiments.neural;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.function.Supplier;
import org.ebmbench.engine.Ops;
import org.ebmbench.estimator.BatchParts;
import org.ebmbench.estimator.Estimator;
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
 * @param batchParts when given (2 to {@value #MAX_BATCH_PARTS}), each batch is learned in that
 *     many blocks of rows, side by side on the engine's threads, and their gradients averaged
 *     ({@link BatchParts}): faster for small networks on a few cores, the same loss, other random
 *     draws. Absent (or 1) by default, so a cell's key does not change
 */
@JsonTypeName("mlp")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MlpSpec(List<Integer> hidden, String activation, Long seed, Integer batchParts)
    implements ModelSpec {
  /** The most hidden layers a suite may ask for. */
  public static final int MAX_LAYERS = 6;

  /** The widest hidden layer a suite may ask for. */
  public static final int MAX_WIDTH = 4096;

  /** The most parts a batch may be learned in. */
  public static final int MAX_BATCH_PARTS = 64;

  public MlpSpec {
    activation = activation == null ? "silu" : activation;
    seed = seed == null ? 1L : seed;
    // One part is the whole batch: spelled either way, the same cell and key.
    batchParts = batchParts != null && batchParts == 1 ? null : batchParts;
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
    if (batchParts != null) {
      Check.between(path.field("batchParts"), batchParts, 1, MAX_BATCH_PARTS);
    }
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

  /** {@code estimator} (a fresh instance per call) on the batch in parts, when the spec asks. */
  Estimator inParts(Supplier<Estimator> estimator) {
    return batchParts == null ? estimator.get() : new BatchParts(batchParts, estimator);
  }

  /** The starting point of learning for data of {@code dimension} columns, on {@code ops}. */
  MlpEnergy initial(Ops ops, int dimension) {
    return MlpEnergy.initialized(
        ops, widths(dimension), Activation.parse(activation), RandomStream.derive(seed, "mlp-initial"));
  }
}
