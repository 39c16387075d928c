package org.ebmbench.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluation during training.
 *
 * @param step optimizer steps taken so far
 * @param seconds training time so far, evaluation time excluded
 * @param metrics metric name to value, in the evaluation's order
 */
public record CurvePoint(int step, double seconds, Map<String, Double> metrics) {
  public CurvePoint {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }
}
