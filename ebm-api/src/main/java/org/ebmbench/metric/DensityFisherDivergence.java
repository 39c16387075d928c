package org.ebmbench.metric;

import org.ebmbench.data.Density;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.Capabilities;
import org.ebmbench.model.DifferentiableInX;
import org.ebmbench.model.EnergyModel;

/**
 * The Fisher divergence 1/2 E_data |grad log p_data - grad f|^2 from a density with a known score,
 * as a Monte Carlo mean over draws from it, with its standard error (results name
 * "fisherDivergence"). For dimensions where no grid reaches: the data scores are computed once, on
 * the host, at construction.
 */
public final class DensityFisherDivergence implements Metric {
  private final Mat samples;
  private final Mat dataScores;

  /**
   * @param density a density with {@link Density#hasScore()}
   * @param samples at least two draws from it (n x d)
   * @throws IllegalArgumentException if the density has no score or the shapes differ
   */
  public DensityFisherDivergence(Ops ops, Density density, Mat samples) {
    if (!density.hasScore()) {
      throw new IllegalArgumentException(
          "the Fisher divergence needs the data's score; " + density.name() + " has none");
    }
    if (samples.cols() != density.dimension() || samples.rows() < 2) {
      throw new IllegalArgumentException(
          "Fisher divergence: " + samples.rows() + " x " + samples.cols() + " samples (at least 2"
              + " rows) do not fit " + density.name() + " of dimension " + density.dimension());
    }
    double[] points = ops.toHost(samples);
    double[] scores = new double[points.length];
    int d = density.dimension();
    for (int r = 0; r < samples.rows(); r++) {
      density.score(points, r * d, scores, r * d);
    }
    this.samples = samples;
    this.dataScores = ops.fromHost(samples.rows(), d, scores);
  }

  @Override
  public String name() {
    return "fisherDivergence";
  }

  @Override
  public Measurement evaluate(EnergyModel model) {
    DifferentiableInX differentiable =
        Capabilities.require(model, DifferentiableInX.class, "the Fisher divergence");
    Capabilities.requireRowsOf(model, samples, "the Fisher divergence: samples");
    Ops ops = model.ops();
    Mat modelScores = ops.zeros(samples.rows(), samples.cols());
    differentiable.gradientX(samples, modelScores);
    Mat difference = ops.zeros(samples.rows(), samples.cols());
    ops.copy(dataScores, difference);
    return FisherDivergence.meanHalfSquaredDistance(ops, difference, modelScores);
  }
}
