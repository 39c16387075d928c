package org.ebmbench.experiments.crf;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import org.ebmbench.crf.grid.GridEnumeration;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.InvalidSpecException;
import org.ebmbench.experiments.suite.ModelSpec;

/**
 * {@code {type: grid-crf, height: 16, width: 16, noise: 0.8, seed: 1}}: binary denoising on a grid
 * (org.ebmbench.crf.grid.GridCrf: bias, unary weight on the observation, pairwise coupling).
 * Images of generated shapes, observed as x = y + noise * N(0, 1). With {@code truth: [bias,
 * unary, coupling]} the labels are instead drawn exactly from that grid CRF given x (at most 20
 * sites, by enumeration), so the KL to the truth is exact. Data: {@code {train: N, test: M}}
 * images. Learning starts from zero weights.
 *
 * @param height rows (default 16)
 * @param width columns (default 16)
 * @param noise the observation noise's standard deviation (default 0.8)
 * @param seed the seed of the images (default 1), independent of the cell seeds
 * @param truth the true weights when labels are drawn from a known model, else null
 */
@JsonTypeName("grid-crf")
public record GridCrfSpec(
    Integer height, Integer width, Double noise, Long seed, List<Double> truth)
    implements ModelSpec {
  public GridCrfSpec {
    height = height == null ? 16 : height;
    width = width == null ? 16 : width;
    noise = noise == null ? 0.8 : noise;
    seed = seed == null ? 1L : seed;
  }

  @Override
  public void validate(FieldPath path) {
    Check.between(path.field("height"), height, 1, 1024);
    Check.between(path.field("width"), width, 1, 1024);
    Check.between(path.field("noise"), noise, 0.0, 100.0);
    if (truth != null) {
      if (truth.size() != 3) {
        throw new InvalidSpecException(
            path.field("truth"), "needs 3 weights [bias, unary, coupling], got " + truth.size());
      }
      if (height * width > GridEnumeration.MAX_SITES) {
        throw new InvalidSpecException(
            path.field("truth"),
            "labels drawn from a true model need at most " + GridEnumeration.MAX_SITES
                + " sites (enumeration); " + height + " x " + width + " has " + height * width);
      }
    }
  }

  /** Whether log Z can be enumerated, so exact MLE and exact log-likelihoods apply. */
  boolean enumerable() {
    return height * width <= GridEnumeration.MAX_SITES;
  }
}
