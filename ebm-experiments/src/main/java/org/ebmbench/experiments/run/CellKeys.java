package org.ebmbench.experiments.run;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebmbench.experiments.results.Hashing;
import org.ebmbench.experiments.results.ResultsJson;
import org.ebmbench.experiments.suite.DataSpec;

/**
 * Cell keys: the first 16 hex digits of the SHA-256 of a cell's canonical content (every
 * setting that changes its numbers, with object keys sorted). Position in the suite plays no
 * part, so reordering experiments, estimators or seeds keeps every key; a data file enters
 * through its hash, not its path.
 */
public final class CellKeys {
  private static final int KEY_HEX_DIGITS = 16;

  private CellKeys() {}

  /** The key of {@code cell} (whose own key field is ignored). */
  public static String key(Cell cell) {
    return Hashing.sha256(canonical(content(cell))).substring(0, KEY_HEX_DIGITS);
  }

  /** The content the key is computed from. */
  static ObjectNode content(Cell cell) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("family", cell.family());
    node.set("model", tree(cell.model()));
    node.set("data", dataIdentity(cell.data()));
    node.put("estimator", cell.estimator().name());
    node.set("sampler", cell.sampler() == null ? null : tree(cell.sampler()));
    node.set("optimizer", tree(cell.optimizer()));
    node.put("steps", cell.steps());
    node.put("batchSize", cell.batchSize());
    node.put("evaluateEvery", cell.evaluateEvery());
    node.put("seed", cell.seed());
    node.put("engine", cell.engine());
    return node;
  }

  private static JsonNode dataIdentity(DataSpec data) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (data.barsAndStripesPatterns()) {
      node.put("barsAndStripes", data.barsAndStripes());
    } else if (data.shiftingBarsPatterns()) {
      node.put("shiftingBars", data.shiftingBars());
      node.put("barLength", data.barLength());
    } else if (data.fromIdx()) {
      node.put("sha256", data.sha256());
      node.put("rows", data.rows());
      node.put("testRows", data.testRows());
      node.put("threshold", data.threshold());
      node.put("binarizeSeed", data.binarizeSeed());
    } else if (data.fromFile()) {
      node.put("sha256", data.sha256());
      node.put("testRows", data.testRows());
      node.put("header", data.header());
    } else {
      if (data.fromDensity()) {
        node.put("density", data.density());
      }
      node.put("train", data.train());
      node.put("test", data.test());
    }
    return node;
  }

  /** A spec record as a JSON tree, with its "type" property where it has one. */
  public static JsonNode tree(Object spec) {
    return ResultsJson.mapper().valueToTree(spec);
  }

  /** The type name of a spec record ({@code @JsonTypeName}). */
  public static String typeName(Object spec) {
    JsonTypeName name = spec.getClass().getAnnotation(JsonTypeName.class);
    return name != null ? name.value() : spec.getClass().getSimpleName();
  }

  /** JSON text with every object's keys sorted, no whitespace. */
  static String canonical(JsonNode node) {
    return sorted(node).toString();
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        fields.put(e.getKey(), sorted(e.getValue()));
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(n -> items.add(sorted(n)));
      return JsonNodeFactory.instance.arrayNode().addAll(items);
    }
    return node;
  }
}
