package org.ebmbench.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Short human text for specs and numbers, the same under every default locale. */
final class Labels {
  private Labels() {}

  /** {@code ising(n=12, couplingScale=0.5)} from a spec node with a "type". */
  static String spec(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getKey().equals("type")) {
        parts.add(e.getKey() + "=" + value(e.getValue()));
      }
    }
    String type = node.path("type").asText("?");
    return parts.isEmpty() ? type : type + "(" + String.join(", ", parts) + ")";
  }

  /** A setting's value: a list as "64-64" (layer widths), an object as "{steps=1000, runs=100}". */
  private static String value(JsonNode v) {
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(item -> items.add(value(item)));
      return String.join("-", items);
    }
    if (v.isObject()) {
      List<String> fields = new ArrayList<>();
      v.properties().forEach(f -> fields.add(f.getKey() + "=" + value(f.getValue())));
      return "{" + String.join(", ", fields) + "}";
    }
    return v.asText();
  }

  /** An optimizer in few words for a legend: its type, learning rate and any momentum. */
  static String optimizer(JsonNode node) {
    String text = node.path("type").asText("?") + " lr=" + node.path("lr").asText();
    double momentum = node.path("momentum").asDouble(0.0);
    return momentum != 0.0 ? text + " momentum=" + node.path("momentum").asText() : text;
  }

  /**
   * "5000 drawn / 2000 held out", "spins.csv (sha256 0123abcd…)", "bars-and-stripes 4x4" or
   * "train-images.gz (1000 train / 500 held out, threshold 0.5)".
   */
  static String dataset(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (node.has("barsAndStripes")) {
      int size = node.path("barsAndStripes").asInt();
      return "bars-and-stripes " + size + "x" + size;
    }
    if (node.has("shiftingBars")) {
      return "shifting bars " + node.path("shiftingBars").asInt() + " (bar "
          + node.path("barLength").asInt() + ")";
    }
    if (node.has("idx")) {
      String binarized = node.has("binarizeSeed")
          ? "stochastic seed " + node.path("binarizeSeed").asText()
          : "threshold " + node.path("threshold").asText();
      return node.path("idx").asText() + " (" + node.path("rows").asText() + " train / "
          + node.path("testRows").asText() + " held out, " + binarized + ")";
    }
    if (node.has("file")) {
      String sha = node.path("sha256").asText("");
      return node.path("file").asText() + (sha.length() >= 8 ? " (sha256 " + sha.substring(0, 8) + "…)" : "");
    }
    String sizes = node.path("train").asText() + " drawn / " + node.path("test").asText() + " held out";
    return node.has("density") ? node.path("density").asText() + " (" + sizes + ")" : sizes;
  }

  /** A metric's name for a table header: the known ones in words, others as they are. */
  static String metric(String name) {
    return switch (name) {
      case "klTrueToModel" -> "KL (true\u00a0\u2016\u00a0model)";
      case "klDataToModel" -> "KL (data\u00a0\u2016\u00a0model)";
      case "heldOutLogLikelihood" -> "held-out log-likelihood";
      case "heldOutLogLikelihoodAis" -> "held-out log-likelihood (AIS)";
      case "reconstructionError" -> "reconstruction error";
      case "logLikelihood" -> "log-likelihood";
      default -> name;
    };
  }

  /** A number with 4 significant digits, in scientific notation when very small or large. */
  static String number(Double value) {
    if (value == null) {
      return "";
    }
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    double abs = Math.abs(value);
    if (abs != 0 && (abs < 1e-3 || abs >= 1e5)) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
