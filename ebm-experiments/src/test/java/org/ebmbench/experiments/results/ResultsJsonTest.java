package org.ebmbench.experiments.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ebmbench.experiments.InputException;
import org.ebmbench.experiments.testing.SampleResults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {
  private static final Locale ORIGINAL = Locale.getDefault();

  @TempDir Path dir;

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(ORIGINAL);
  }

  private static String golden() throws IOException {
    try (InputStream in = ResultsJsonTest.class.getResourceAsStream("golden-results.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Like JMH's ResultFormatTest: a decimal comma must never reach the file. */
  @ParameterizedTest
  @ValueSource(strings = {"de", "fr", "en-US", "ar-EG", "hi-IN"})
  void writesTheGoldenFileUnderEveryLocale(String tag) throws IOException {
    Locale.setDefault(Locale.forLanguageTag(tag));
    assertThat(ResultsJson.toJson(SampleResults.create())).isEqualTo(golden());
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    ResultsFile sample = SampleResults.create();
    Path file = dir.resolve("results.json");
    ResultsJson.writeAtomically(sample, file);
    ResultsFile read = ResultsJson.read(file);
    // Written as null, non-finite values come back as null; everything else is equal.
    assertThat(read.cells().subList(0, 2)).isEqualTo(sample.cells().subList(0, 2));
    assertThat(read.provenance()).isEqualTo(sample.provenance());
    assertThat(read.suite()).isEqualTo(sample.suite());
    assertThat(read.cells().get(2).curve().get(1).metrics()).containsEntry("klTrueToModel", null);
    assertThat(ResultsJson.toJson(read)).isEqualTo(ResultsJson.toJson(sample));
  }

  @Test
  void refusesAnotherSchemaVersion() throws IOException {
    Path file = dir.resolve("results.json");
    Files.writeString(file, golden().replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 3"));
    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(InputException.class)
        .hasMessage(file + ": schemaVersion 3 is not supported (this version reads 1 and 2)");
  }

  /** A file written by schema version 1 (before cells had timing), committed as it was. */
  @Test
  void readsAVersionOneFile() throws IOException {
    Path file = dir.resolve("results.json");
    String v1;
    try (InputStream in = ResultsJsonTest.class.getResourceAsStream("results-v1.json")) {
      v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(file, v1);

    ResultsFile read = ResultsJson.read(file);

    assertThat(read.schemaVersion()).isEqualTo(1);
    ResultsFile sample = SampleResults.create();
    assertThat(read.cells()).extracting(CellResult::key)
        .containsExactlyElementsOf(sample.cells().stream().map(CellResult::key).toList());
    assertThat(read.cells().get(1).summary()).isEqualTo(sample.cells().get(1).summary());
    assertThat(read.cells()).allSatisfy(c -> {
      assertThat(c.timing()).isNull();
      assertThat(c.timingsComparable()).isTrue();
    });
    // Nothing is lost: written back, it is the same version 1 file.
    assertThat(ResultsJson.toJson(read)).isEqualTo(v1);
  }

  @Test
  void refusesMalformedFiles() throws IOException {
    Path file = dir.resolve("results.json");
    Files.writeString(file, "{\"schemaVersion\": 1, \"cells\": [");
    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(file + ": malformed results");
    Files.writeString(file, "{}");
    assertThatThrownBy(() -> ResultsJson.read(file))
        .isInstanceOf(InputException.class)
        .hasMessage(file + ": not a results file (no schemaVersion)");
  }
}
