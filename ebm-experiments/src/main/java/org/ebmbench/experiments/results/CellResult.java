package org.ebmbench.experiments.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one grid cell (model x data x estimator x sampler x optimizer x engine x seed).
 *
 * @param key stable id derived from the cell's content (not its position in the suite)
 * @param family the model family, "toy" for now
 * @param model the model spec as written in the suite, with defaults applied (has "type")
 * @param dataset where the data came from, with defaults and the file hash; null if none
 * @param estimator the estimator's name, for example "cd-10"
 * @param sampler the sampler spec (has "type"), null for estimators that sample nothing
 * @param optimizer the optimizer spec (has "type")
 * @param engine the engine's name
 * @param seed the cell's seed; data, chains and minibatches derive their streams from it
 * @param hyperParameters every setting of the cell as flat name to value pairs
 * @param status {@link #OK}, {@link #FAILED} or {@link #SKIPPED}
 * @param reason why a failed cell failed or a skipped cell did not run; null when ok
 * @param summary final metrics plus secondsPerStep and totalSeconds (empty when failed)
 * @param curve the metrics over training (up to the failure, for failed cells)
 * @param pictures small images of what the cell learned (written only when there are some)
 * @param timing how the training was timed (repeats, warm-up, concurrency); null when read from
 *     a schema version 1 file
 */
public record CellResult(
    String key,
    String family,
    JsonNode model,
    JsonNode dataset,
    String estimator,
    JsonNode sampler,
    JsonNode optimizer,
    String engine,
    long seed,
    Map<String, Object> hyperParameters,
    String status,
    String reason,
    Map<String, Double> summary,
    List<CurvePoint> curve,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Picture> pictures,
    @JsonInclude(JsonInclude.Include.NON_NULL) Timing timing) {

  public CellResult {
    // JSON null reads back as a NullNode; keep one representation of "none".
    dataset = absentIfNull(dataset);
    sampler = absentIfNull(sampler);
    pictures = pictures == null ? List.of() : List.copyOf(pictures);
  }

  /** A result without timing details, as schema version 1 recorded it. */
  public CellResult(
      String key,
      String family,
      JsonNode model,
      JsonNode dataset,
      String estimator,
      JsonNode sampler,
      JsonNode optimizer,
      String engine,
      long seed,
      Map<String, Object> hyperParameters,
      String status,
      String reason,
      Map<String, Double> summary,
      List<CurvePoint> curve,
      List<Picture> pictures) {
    this(
        key, family, model, dataset, estimator, sampler, optimizer, engine, seed, hyperParameters,
        status, reason, summary, curve, pictures, null);
  }

  private static JsonNode absentIfNull(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  /** The summary entries that are timings rather than metrics of the learned model. */
  public static final List<String> TIMINGS = List.of("secondsPerStep", "totalSeconds");

  public static final String OK = "ok";
  public static final String FAILED = "failed";
  /** Not run: its data is not installed on this machine (the reason says what to install). */
  public static final String SKIPPED = "skipped";

  /**
   * This cell with its timings taken out (summary timings removed, curve seconds zero, no timing
   * details): what two runs of the same cell must agree on exactly.
   */
  public CellResult withoutTimings() {
    Map<String, Double> untimed = new LinkedHashMap<>(summary);
    TIMINGS.forEach(untimed::remove);
    List<CurvePoint> untimedCurve =
        curve.stream().map(p -> new CurvePoint(p.step(), 0.0, p.metrics())).toList();
    return new CellResult(
        key, family, model, dataset, estimator, sampler, optimizer, engine, seed, hyperParameters,
        status, reason, untimed, untimedCurve, pictures, null);
  }

  /** Whether the cell's timings may be compared with another run's (it ran alone). */
  @JsonIgnore
  public boolean timingsComparable() {
    return timing == null || timing.comparable();
  }

  /** Whether the cell finished with every metric finite. */
  @JsonIgnore
  public boolean ok() {
    return OK.equals(status);
  }

  /** Whether the cell did not run because its data is not here. */
  @JsonIgnore
  public boolean skipped() {
    return SKIPPED.equals(status);
  }
}
