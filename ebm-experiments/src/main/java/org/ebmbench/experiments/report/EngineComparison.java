package org.ebmbench.experiments.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.ResultsJson;

/**
 * The report's engine comparison: cells that differ only in their engine (a run with
 * {@code --engine cpu,gpu}), side by side. Per pair: seconds per step on each engine, their ratio,
 * and the difference of every final metric (second engine minus first). Absent from a run on one
 * engine.
 */
public final class EngineComparison implements ReportSection {
  private static final String[] COLUMNS = {
    "family", "model", "dataset", "estimator", "seed", "engines", "seconds", "ratio", "differences"
  };

  @Override
  public String title() {
    return "Engine comparison";
  }

  @Override
  public Optional<String> html(ResultsFile results) {
    List<Map<String, Object>> rows = rows(results.cells());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder html = new StringBuilder();
    html.append("<p class=\"note\">Cells that differ only in their engine. Ratio: seconds per step")
        .append(" on the first engine over the second (above 1: the second is faster).")
        .append(" Differences: each final metric on the second engine minus the first.</p>\n")
        .append("<table>\n<tr><th>family</th><th>model</th><th>data</th><th>estimator</th>")
        .append("<th>seed</th><th>engines</th><th>seconds / step</th><th>ratio</th>")
        .append("<th>metric differences</th></tr>\n");
    for (Map<String, Object> row : rows) {
      html.append("<tr>");
      for (String column : COLUMNS) {
        boolean number = column.equals("seed") || column.equals("seconds") || column.equals("ratio");
        html.append(number ? "<td class=\"num\">" : "<td>")
            .append(ReportWriter.escape(String.valueOf(row.get(column))))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    return Optional.of(html.append("</table>\n").toString());
  }

  /**
   * One row per ok cell on a later engine whose twin on the run's first engine is ok too, in the
   * cells' order; empty when the run used one engine.
   */
  static List<Map<String, Object>> rows(List<CellResult> cells) {
    Map<String, List<CellResult>> twins = new LinkedHashMap<>();
    for (CellResult c : cells) {
      if (c.ok()) {
        twins.computeIfAbsent(settingsWithoutEngine(c), k -> new ArrayList<>()).add(c);
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (List<CellResult> group : twins.values()) {
      CellResult first = group.get(0);
      for (CellResult other : group.subList(1, group.size())) {
        rows.add(row(first, other));
      }
    }
    return rows;
  }

  private static Map<String, Object> row(CellResult a, CellResult b) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("family", a.family());
    row.put("model", Labels.spec(a.model()));
    row.put("dataset", Labels.dataset(a.dataset()));
    row.put("estimator", a.estimator());
    row.put("seed", a.seed());
    row.put("engines", a.engine() + " / " + b.engine());
    Double secondsA = a.summary().get("secondsPerStep");
    Double secondsB = b.summary().get("secondsPerStep");
    row.put("seconds", Labels.number(secondsA) + " / " + Labels.number(secondsB));
    row.put(
        "ratio",
        secondsA == null || secondsB == null || secondsB == 0.0
            ? ""
            : Labels.number(secondsA / secondsB));
    row.put("differences", differences(a, b));
    return row;
  }

  /** "name: b - a" for every final metric both cells have, timings excluded. */
  private static String differences(CellResult a, CellResult b) {
    StringJoiner joined = new StringJoiner(", ");
    new TreeMap<>(a.summary())
        .forEach(
            (name, value) -> {
              Double other = b.summary().get(name);
              if (!CellResult.TIMINGS.contains(name) && other != null) {
                joined.add(Labels.metric(name) + ": " + Labels.number(other - value));
              }
            });
    return joined.toString();
  }

  /** Everything that sets a cell's numbers except its engine, as canonical text. */
  public static String settingsWithoutEngine(CellResult c) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("family", c.family());
    node.set("model", c.model());
    node.set("dataset", c.dataset());
    node.put("estimator", c.estimator());
    node.set("sampler", c.sampler());
    node.set("optimizer", c.optimizer());
    node.put("seed", c.seed());
    node.set("hyperParameters", ResultsJson.mapper().valueToTree(new TreeMap<>(c.hyperParameters())));
    return node.toString();
  }
}
