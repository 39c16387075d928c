package org.ebmbench.metric;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.EnergyModel;
import org.ebmbench.model.Reconstructing;

/**
 * The mean squared reconstruction error of data, per example and per dimension: mean over rows and
 * columns of (x - r(x))^2, where r is one deterministic up-down pass ({@link
 * Reconstructing#reconstruct}: hidden means, then visible means; nothing sampled). For binary data
 * and a Bernoulli RBM it lies in [0, 1]. It is what CD-1 implementations usually print, but it is
 * not a likelihood: a model can reconstruct well and still sample badly, so read it beside the
 * log-likelihood.
 */
public final class ReconstructionError implements Metric {
  private final Mat data;

  /** A metric over the rows of {@code data} (examples x visible units). */
  public ReconstructionError(Mat data) {
    this.data = data;
  }

  @Override
  public String name() {
    return "reconstructionError";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    Reconstructing rbm =
        Capabilities.require(model, Reconstructing.class, "the reconstruction error");
    Capabilities.requireRowsOf(model, data, "reconstruction data");
    Ops ops = model.ops();
    Mat error = ops.zeros(data.rows(), data.cols());
    rbm.reconstruct(data, error);
    ops.axpby(1.0, data, -1.0, error, error);
    ops.map(UnaryFunction.SQUARE, error, error);
    return Measurement.exact(ops.sum(error) / ((double) data.rows() * data.cols()));
  }
}
