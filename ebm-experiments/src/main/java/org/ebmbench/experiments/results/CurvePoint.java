package org.ebmbench.experiments.results;

import java.util.Map;

/**
 * The metrics at one evaluation of a training run.
 *
 * @param step optimizer steps taken so far (0 = the initial model)
 * @param seconds training wall time so far, excluding the time spent evaluating metrics
 * @param metrics metric name to value; a value that was not finite is written as null
 */
public record CurvePoint(long step, double seconds, Map<String, Double> metrics) {}
