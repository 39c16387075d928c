package org.ebmbench.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebmbench.metric.Measurement;
import org.ebmbench.metric.Metric;
import org.ebmbench.model.EnergyModel;

/** Evaluates a model during training: metric name to value. */
@FunctionalInterface
public interface Evaluation {
  /** The metrics at the model's current parameters. */
  Map<String, Double> evaluate(EnergyModel model);

  /** No metrics. */
  static Evaluation none() {
    return model -> Map.of();
  }

  /**
   * Each metric under its name, in order, and for a Monte Carlo estimate also its standard error
   * under the name + "StdErr".
   *
   * @throws IllegalArgumentException if two metrics share a name
   */
  static Evaluation of(List<? extends Metric> metrics) {
    for (int i = 0; i < metrics.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (metrics.get(i).name().equals(metrics.get(j).name())) {
          throw new IllegalArgumentException(
              "two metrics are named '" + metrics.get(i).name() + "'");
        }
      }
    }
    List<Metric> copy = List.copyOf(metrics);
    return model -> {
      Map<String, Double> values = new LinkedHashMap<>();
      for (Metric metric : copy) {
        Measurement m = metric.evaluate(model);
        values.put(metric.name(), m.value());
        if (m.hasStandardError()) {
          values.put(metric.name() + "StdErr", m.standardError());
        }
      }
      return values;
    };
  }
}
