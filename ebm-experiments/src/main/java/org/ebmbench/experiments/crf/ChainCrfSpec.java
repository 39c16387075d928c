package org.ebmbench.experiments.crf;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.ModelSpec;

/**
 * {@code {type: chain-crf, attributes: 30, labels: 4, attributesPerPosition: 2, length: 8,
 * weightScale: 1.0, seed: 1, l2: 0.1}}: the synthetic chain task. A true chain CRF with
 * N(0, weightScale^2) weights drawn from {@code seed}; each position of an observation sequence
 * fires {@code attributesPerPosition} uniformly drawn attributes; labels are drawn exactly from
 * the truth (forward filtering, backward sampling). Data: {@code {train: N, test: M}} sequences.
 * Learning starts from zero weights and minimizes the mean negative log-likelihood (or the
 * estimator's surrogate) plus (l2 / 2N) ||w||^2.
 *
 * @param attributes distinct attributes (default 30)
 * @param labels labels (default 4)
 * @param attributesPerPosition attributes firing at each position (default 2)
 * @param length positions per sequence (default 8)
 * @param weightScale the true weights' standard deviation (default 1)
 * @param seed the seed of the truth and the data (default 1), independent of the cell seeds
 * @param l2 the L2 coefficient on the summed objective (default 0.1)
 */
@JsonTypeName("chain-crf")
public record ChainCrfSpec(
    Integer attributes,
    Integer labels,
    Integer attributesPerPosition,
    Integer length,
    Double weightScale,
    Long seed,
    Double l2) implements ModelSpec {
  public ChainCrfSpec {
    attributes = attributes == null ? 30 : attributes;
    labels = labels == null ? 4 : labels;
    attributesPerPosition = attributesPerPosition == null ? 2 : attributesPerPosition;
    length = length == null ? 8 : length;
    weightScale = weightScale == null ? 1.0 : weightScale;
    seed = seed == null ? 1L : seed;
    l2 = l2 == null ? 0.1 : l2;
  }

  @Override
  public void validate(FieldPath path) {
    Check.between(path.field("attributes"), attributes, 1, 1_000_000);
    Check.between(path.field("labels"), labels, 2, 100);
    Check.between(path.field("attributesPerPosition"), attributesPerPosition, 1, 100);
    Check.between(path.field("length"), length, 1, 1000);
    Check.between(path.field("weightScale"), weightScale, 0.0, 10.0);
    Check.between(path.field("l2"), l2, 0.0, 1e6);
  }
}
