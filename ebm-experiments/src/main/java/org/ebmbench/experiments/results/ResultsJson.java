package org.ebmbench.experiments.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.ebmbench.experiments.InputException;

/**
 * Writes and reads results.json. Numbers are written by Jackson's own number formatting, which
 * never consults the default {@link java.util.Locale} (tested under several); a value that is
 * not finite is written as null, since JSON has no NaN.
 */
public final class ResultsJson {
  private static final ObjectMapper MAPPER = newMapper();
  private static final ObjectWriter WRITER = MAPPER.writer(prettyPrinter());

  private ResultsJson() {}

  /** The mapper results are written with, for turning specs into JSON trees the same way. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper newMapper() {
    ObjectMapper mapper = new ObjectMapper();
    // A newer writer may add fields; reading stays possible while the schema version matches.
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    SimpleModule finiteOnly = new SimpleModule("finite-doubles");
    finiteOnly.addSerializer(Double.class, new FiniteDoubleSerializer());
    finiteOnly.addSerializer(double.class, new FiniteDoubleSerializer());
    mapper.registerModule(finiteOnly);
    return mapper;
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    // Fixed "\n" line ends: the file is byte-identical on every OS.
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
  }

  /** The JSON text of {@code results}, ending with a newline. */
  public static String toJson(ResultsFile results) {
    try {
      return WRITER.writeValueAsString(results) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize results: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes {@code results} to {@code out}. */
  public static void write(ResultsFile results, OutputStream out) throws IOException {
    out.write(toJson(results).getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces {@code file} atomically with {@code results}. */
  public static void writeAtomically(ResultsFile results, Path file) throws IOException {
    AtomicFiles.write(file, out -> write(results, out));
  }

  /**
   * Reads a results.json of any version in {@link ResultsFile#READABLE_VERSIONS}. A version 1
   * file reads as it was written (its cells have no timing); the version is kept, so that
   * merging refuses to mix it with version 2 files.
   *
   * @throws InputException naming the file if it is missing, malformed, or of another schema
   *     version
   */
  public static ResultsFile read(Path file) {
    JsonNode tree = tree(file);
    int version = schemaVersion(tree, file);
    if (!ResultsFile.READABLE_VERSIONS.contains(version)) {
      throw new InputException(
          file + ": schemaVersion " + version + " is not supported (this version reads "
              + ResultsFile.READABLE_VERSIONS.stream().map(String::valueOf)
                  .collect(Collectors.joining(" and ")) + ")");
    }
    try {
      return MAPPER.treeToValue(tree, ResultsFile.class);
    } catch (JsonProcessingException e) {
      throw new InputException(file + ": malformed results: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The schema version of a results file, whatever it is ({@link #read} refuses unknown ones).
   *
   * @throws InputException naming the file if it is missing, malformed or has no version
   */
  public static int schemaVersion(Path file) {
    return schemaVersion(tree(file), file);
  }

  private static int schemaVersion(JsonNode tree, Path file) {
    JsonNode version = tree == null ? null : tree.get("schemaVersion");
    if (version == null || !version.canConvertToInt()) {
      throw new InputException(file + ": not a results file (no schemaVersion)");
    }
    return version.intValue();
  }

  private static JsonNode tree(Path file) {
    try {
      return MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new InputException(file + ": malformed results: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Writes NaN and infinities as null: JSON has no such numbers. */
  private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
    FiniteDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (Double.isFinite(value)) {
        gen.writeNumber(value);
      } else {
        gen.writeNull();
      }
    }
  }
}
