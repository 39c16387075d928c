package org.ebmbench.experiments.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/results.schema.json describes exactly the fields the writer writes: every record's
 * components are the schema's properties and all of them are required. (The golden file was
 * also checked against the schema with a JSON Schema validator; see docs/RESULTS.md.)
 */
class ResultsSchemaTest {
  private static final Path SCHEMA = Path.of("..", "docs", "results.schema.json");

  private static List<String> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Fields that files may lack: added to schema version 1 after files were written without them,
   * and the cells' timing, added in version 2 (version 1 files are still read); and fields
   * written only when they apply (engines, earlierCode, git.changes). Readers take
   * their absence as empty, so the schema does not require them.
   */
  private static final List<String> OPTIONAL =
      List.of(
          "SuiteInfo.tolerances", "ResultsFile.shard", "CellResult.pictures", "CellResult.timing",
          "Provenance.engines", "Provenance.earlierCode", "Git.changes");

  private static void assertDescribes(JsonNode object, Class<?> record) {
    assertThat(names(object.path("properties"))).as(record.getSimpleName())
        .containsExactlyInAnyOrderElementsOf(components(record));
    List<String> required = new ArrayList<>();
    object.path("required").forEach(n -> required.add(n.asText()));
    List<String> mustRequire = components(record).stream()
        .filter(c -> !OPTIONAL.contains(record.getSimpleName() + "." + c))
        .toList();
    assertThat(required).as(record.getSimpleName() + " required")
        .containsExactlyInAnyOrderElementsOf(mustRequire);
    assertThat(object.path("additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void schemaMatchesTheRecords() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
    JsonNode defs = schema.path("$defs");
    assertDescribes(schema, ResultsFile.class);
    assertThat(schema.path("properties").path("schemaVersion").path("const").asInt())
        .isEqualTo(ResultsFile.SCHEMA_VERSION);
    assertDescribes(schema.path("properties").path("suite"), ResultsFile.SuiteInfo.class);
    JsonNode provenance = defs.path("provenance");
    assertDescribes(provenance, Provenance.class);
    assertDescribes(provenance.path("properties").path("git"), Provenance.Git.class);
    assertDescribes(provenance.path("properties").path("jvm"), Provenance.Jvm.class);
    assertDescribes(provenance.path("properties").path("os"), Provenance.Os.class);
    assertDescribes(provenance.path("properties").path("engine"), Provenance.EngineRecord.class);
    assertDescribes(defs.path("cell"), CellResult.class);
    assertDescribes(defs.path("shard"), ResultsFile.Shard.class);
    assertDescribes(defs.path("curvePoint"), CurvePoint.class);
    assertDescribes(defs.path("picture"), Picture.class);
    assertDescribes(defs.path("timing"), Timing.class);
  }
}
