package org.ebmbench.experiments.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebmbench.experiments.results.CellResult;
import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.results.Provenance;
import org.ebmbench.experiments.results.ResultsFile;
import org.ebmbench.experiments.results.Timing;

/**
 * A fixed, small results file (current schema version): two ok cells and one failed one, with
 * awkward numbers.
 */
public final class SampleResults {
  private SampleResults() {}

  public static ResultsFile create() {
    Provenance provenance =
        new Provenance(
            new Provenance.Git("0123456789abcdef0123456789abcdef01234567", false),
            new Provenance.Jvm("Example Vendor", "17.0.15+6", "OpenJDK 64-Bit Server VM"),
            new Provenance.Os("Linux", "6.1.0", "amd64"),
            "Example CPU @ 2.00GHz",
            2,
            new Provenance.EngineRecord(
                "cpu", "java", "Example CPU @ 2.00GHz", "DOUBLE", 2, new TreeMap<>(Map.of("kernel", "plain"))),
            List.of(1L, 2L),
            List.of("run", "--suite", "smoke", "--out", "out"),
            "2026-11-29T07:15:00Z",
            null);
    CellResult exact =
        cell("0a1b2c3d4e5f6a7b", "exact-mle", null, 1,
            List.of(point(0, 0.0, 0.6931471805599453, -8.317766166719343),
                point(100, 0.012345678901234, 1.25e-4, -7.6251),
                point(200, 0.0246913578, 3.0000000000000004e-5, -7.62503)),
            CellResult.OK, null, new Timing(1, List.of(0.000123456789), 10, 1));
    CellResult cd =
        cell("1b2c3d4e5f6a7b8c", "cd-1", gibbs(), 1,
            List.of(point(0, 0.0, 0.6931471805599453, -8.317766166719343),
                point(100, 0.5, 0.01, -7.7),
                point(200, 1.0, 0.002, -7.65)),
            CellResult.OK, null, new Timing(3, List.of(0.0051, 0.005, 0.0049), 0, 1));
    CellResult failed =
        cell("2c3d4e5f6a7b8c9d", "pcd-1", gibbs(), 2,
            List.of(point(0, 0.0, 0.6931471805599453, -8.317766166719343),
                point(100, 0.75, Double.NaN, Double.NEGATIVE_INFINITY)),
            CellResult.FAILED, "metric klTrueToModel is NaN at step 100 (diverged or not normalizable)",
            new Timing(1, List.of(), 0, 1));
    return new ResultsFile(
        ResultsFile.SCHEMA_VERSION,
        "20261129T071500Z-smoke",
        new ResultsFile.SuiteInfo("smoke", "smoke", "ab".repeat(32), Map.of()),
        provenance,
        List.of(exact, cd, failed),
        null);
  }

  private static JsonNode gibbs() {
    return JsonNodeFactory.instance.objectNode().put("type", "gibbs");
  }

  private static CurvePoint point(long step, double seconds, double kl, double ll) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("klTrueToModel", kl);
    metrics.put("heldOutLogLikelihood", ll);
    return new CurvePoint(step, seconds, metrics);
  }

  private static CellResult cell(
      String key, String estimator, JsonNode sampler, long seed, List<CurvePoint> curve,
      String status, String reason, Timing timing) {
    ObjectNode model = JsonNodeFactory.instance.objectNode();
    model.put("type", "ising").put("n", 12).put("couplingScale", 0.5).put("fieldScale", 0.1).put("seed", 7);
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("train", 20000).put("test", 5000);
    ObjectNode optimizer = JsonNodeFactory.instance.objectNode().put("type", "sgd").put("lr", 0.5).put("momentum", 0.9);
    Map<String, Object> hyper = new TreeMap<>();
    hyper.put("steps", 200);
    hyper.put("batchSize", 1000);
    hyper.put("optimizer.lr", 0.5);
    Map<String, Double> summary = new LinkedHashMap<>();
    if (CellResult.OK.equals(status)) {
      CurvePoint last = curve.get(curve.size() - 1);
      summary.putAll(last.metrics());
      summary.put("secondsPerStep", last.seconds() / last.step());
      summary.put("totalSeconds", 1.5 * last.seconds() + 0.001);
    }
    return new CellResult(
        key, "toy", model, data, estimator, sampler, optimizer, "cpu", seed, hyper, status, reason,
        summary, curve, List.of(), timing);
  }
}
