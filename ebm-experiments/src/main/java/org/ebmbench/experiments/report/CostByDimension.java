package org.ebmbench.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebmbench.experiments.results.CellResult;

/**
 * The cost-versus-dimension plot: seconds per training step against the dimension d of the
 * neural family's {@code mixtureD} data, one line per estimator (and model, where several), each
 * point the mean over seeds. Exact score matching's cost grows with d, sliced score matching's
 * should not.
 */
final class CostByDimension {
  private static final Pattern MIXTURE = Pattern.compile("mixture([0-9]+)");

  private CostByDimension() {}

  /** The chart's series, empty when no finished cell has mixtureD data. */
  static List<Series> series(List<CellResult> cells) {
    Map<String, TreeMap<Integer, double[]>> byLine = new TreeMap<>();
    boolean severalModels =
        cells.stream().filter(c -> dimension(c).isPresent()).map(c -> Labels.spec(c.model())).distinct().count() > 1;
    for (CellResult c : cells) {
      Optional<Integer> d = dimension(c);
      Double seconds = c.summary().get("secondsPerStep");
      if (!c.ok() || d.isEmpty() || seconds == null) {
        continue;
      }
      String line = severalModels ? c.estimator() + " (" + Labels.spec(c.model()) + ")" : c.estimator();
      double[] sum = byLine.computeIfAbsent(line, l -> new TreeMap<>()).computeIfAbsent(d.get(), k -> new double[2]);
      sum[0] += seconds;
      sum[1]++;
    }
    List<Series> series = new ArrayList<>();
    byLine.forEach(
        (line, points) -> {
          List<Double> xs = new ArrayList<>();
          List<Double> ys = new ArrayList<>();
          points.forEach(
              (d, sum) -> {
                xs.add((double) d);
                ys.add(sum[0] / sum[1]);
              });
          series.add(new Series(line, xs, ys));
        });
    return series;
  }

  private static Optional<Integer> dimension(CellResult c) {
    if (c.dataset() == null) {
      return Optional.empty();
    }
    Matcher m = MIXTURE.matcher(c.dataset().path("density").asText(""));
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }
}
