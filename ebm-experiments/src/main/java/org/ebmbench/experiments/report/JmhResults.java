package org.ebmbench.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.results.Timing;

/**
 * JMH results, as written by {@code -rf json -rff FILE}, folded into the report as a table.
 *
 * @param source the file they were read from, as given
 * @param rows one per benchmark and parameter combination, in file order
 */
public record JmhResults(String source, List<JmhResults.Row> rows) {
  /** The file name {@code ebm run} and {@code ebm report} look for beside results.json. */
  public static final String FILE_NAME = "jmh.json";

  /**
   * One benchmark result.
   *
   * @param benchmark the benchmark method without its package, e.g. GemmBenchmark.multiply
   * @param mode JMH's mode (thrpt, avgt, sample, ss)
   * @param params the benchmark's parameters, name=value, comma-separated ("" when none)
   * @param score JMH's score (the mean over iterations)
   * @param scoreError the 99.9 % confidence half-width JMH reports (NaN with one iteration)
   * @param median the median of the iterations' scores
   * @param samples how many iteration scores there are, over all forks
   * @param unit the score's unit
   */
  public record Row(
      String benchmark,
      String mode,
      String params,
      double score,
      double scoreError,
      double median,
      int samples,
      String unit) {}

  /** The jmh.json beside {@code resultsFile}, when there is one. */
  public static Optional<Path> beside(Path resultsFile) {
    Path candidate = resultsFile.resolveSibling(FILE_NAME);
    return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
  }

  /**
   * Reads a JMH JSON result file.
   *
   * @throws InputException naming the file if it is missing or not JMH's JSON
   */
  public static JmhResults read(Path file) {
    JsonNode tree;
    try {
      tree = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (IOException e) {
      throw new InputException(file + ": not JMH JSON results: " + e.getMessage(), e);
    }
    if (tree == null || !tree.isArray()) {
      throw new InputException(file + ": not JMH JSON results (expected an array, as -rf json writes)");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < tree.size(); i++) {
      rows.add(row(tree.get(i), file, i));
    }
    return new JmhResults(file.toString(), rows);
  }

  private static Row row(JsonNode node, Path file, int index) {
    JsonNode metric = node.path("primaryMetric");
    if (!node.path("benchmark").isTextual() || !metric.isObject()) {
      throw new InputException(
          file + ": result " + index + " has no benchmark or primaryMetric (not JMH JSON results)");
    }
    String benchmark = node.get("benchmark").asText();
    String[] parts = benchmark.split("\\.");
    String shortName =
        parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    Map<String, String> params = new TreeMap<>();
    node.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
    List<Double> raw = new ArrayList<>();
    metric.path("rawData").forEach(fork -> fork.forEach(v -> raw.add(number(v))));
    JsonNode p50 = metric.path("scorePercentiles").path("50.0");
    double median = !raw.isEmpty() ? Timing.median(raw) : p50.isMissingNode() ? Double.NaN : number(p50);
    return new Row(
        shortName,
        node.path("mode").asText(""),
        String.join(", ", params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()),
        number(metric.path("score")),
        number(metric.path("scoreError")),
        median,
        raw.size(),
        metric.path("scoreUnit").asText(""));
  }

  /** JMH writes "NaN" as a string (JSON has no NaN). */
  private static double number(JsonNode v) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    try {
      return Double.parseDouble(v.asText());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
