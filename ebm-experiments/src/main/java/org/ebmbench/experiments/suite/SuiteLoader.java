package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ebmbench.experiments.results.Hashing;

/**
 * Reads suite files (YAML or JSON, by extension) and built-in suites, and turns every parse or
 * validation problem into one line that names the file, the field and the value.
 */
public final class SuiteLoader {
  /** The suites shipped with the tool, found as resources. */
  public static final List<String> BUILT_IN = List.of("smoke", "standard", "full");

  private static final String RESOURCE_DIR = "/org/ebmbench/experiments/suites/";

  private final List<Class<? extends ModelSpec>> modelTypes;

  /**
   * @param modelTypes the model spec records of every implemented family, each annotated with
   *     {@link JsonTypeName}
   */
  public SuiteLoader(List<Class<? extends ModelSpec>> modelTypes) {
    this.modelTypes = List.copyOf(modelTypes);
  }

  /**
   * Loads a built-in suite by name, or a file when {@code nameOrPath} has an extension or a
   * path separator; relative paths are relative to {@code workingDirectory}.
   */
  public LoadedSuite load(String nameOrPath, Path workingDirectory) {
    if (!nameOrPath.contains(".") && !nameOrPath.contains("/") && !nameOrPath.contains("\\")) {
      return loadBuiltIn(nameOrPath, workingDirectory);
    }
    Path file = workingDirectory.resolve(nameOrPath).normalize();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SuiteException("suite " + nameOrPath + ": no such file (" + file + ")");
    } catch (IOException e) {
      throw new SuiteException("suite " + nameOrPath + ": cannot read: " + e.getMessage(), e);
    }
    Path parent = file.getParent() != null ? file.getParent() : workingDirectory;
    return parse(bytes, nameOrPath, formatOf(nameOrPath), parent);
  }

  private LoadedSuite loadBuiltIn(String name, Path workingDirectory) {
    if (!BUILT_IN.contains(name)) {
      throw new SuiteException(
          "suite " + name + ": no built-in suite has this name (built-in: "
              + String.join(", ", BUILT_IN) + "; or give a .yaml, .yml or .json file)");
    }
    try (InputStream in = SuiteLoader.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("built-in suite resource missing: " + name);
      }
      return parse(in.readAllBytes(), name, Format.YAML, workingDirectory);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in suite " + name, e);
    }
  }

  enum Format {
    YAML,
    JSON
  }

  private static Format formatOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return Format.YAML;
    }
    if (lower.endsWith(".json")) {
      return Format.JSON;
    }
    throw new SuiteException(
        "suite " + fileName + ": unknown file type (use .yaml, .yml or .json)");
  }

  /**
   * Loads a suite from JSON text made by the program (a rerun's one-cell suite), validated like
   * a file.
   *
   * @param source names the suite in messages and in results.json
   * @param directory where relative data file paths are resolved
   */
  public LoadedSuite loadJson(byte[] json, String source, Path directory) {
    return parse(json, source, Format.JSON, directory);
  }

  /** Parses and validates suite bytes; {@code source} names them in messages. */
  LoadedSuite parse(byte[] bytes, String source, Format format, Path directory) {
    String prefix = "suite " + source + ": ";
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      throw new SuiteException(prefix + "the file is empty");
    }
    Suite suite;
    try {
      suite = mapper(format).readValue(bytes, Suite.class);
    } catch (JsonProcessingException e) {
      throw new SuiteException(prefix + describe(e), e);
    } catch (IOException e) {
      throw new SuiteException(prefix + e.getMessage(), e);
    }
    if (suite == null) {
      throw new SuiteException(prefix + "the file is empty");
    }
    try {
      suite.validate();
    } catch (InvalidSpecException e) {
      throw new SuiteException(prefix + e.getMessage(), e);
    }
    return new LoadedSuite(suite, source, directory, Hashing.sha256(bytes));
  }

  private ObjectMapper mapper(Format format) {
    JsonFactory factory = format == Format.YAML ? new YAMLFactory() : new JsonFactory();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    // "steps: 1.5" is a mistake, not 1.
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    modelTypes.forEach(mapper::registerSubtypes);
    return mapper;
  }

  private String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "' at " + parentPath(u)
          + " (allowed: " + allowedFields(u) + ")";
    }
    StreamReadException syntax = syntaxError(e);
    if (syntax != null) {
      String where = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? path(m) + ": " : "";
      return where + firstSentence(syntax.getOriginalMessage()) + at(syntax.getLocation());
    }
    if (e instanceof InvalidTypeIdException t) {
      String allowed = allowedTypes(t.getBaseType().getRawClass());
      FieldPath at = path(t).field("type");
      if (t.getTypeId() == null) {
        return at + ": required (allowed: " + allowed + ")";
      }
      return at + ": unknown type '" + t.getTypeId() + "' (allowed: " + allowed + ")";
    }
    if (e instanceof InvalidFormatException f) {
      return path(f) + ": expected " + expected(f.getTargetType()) + ", got '" + f.getValue() + "'";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return path(m) + ": expected " + expected(m.getTargetType()) + at(m.getLocation());
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return path(m) + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    }
    return firstSentence(e.getOriginalMessage()) + at(e.getLocation());
  }

  /** The parser's complaint without the location and excerpt Jackson appends. */
  private static String firstSentence(String message) {
    if (message == null) {
      return "malformed";
    }
    String first = message.lines().findFirst().orElse("").trim();
    int source = first.indexOf(" (for ");
    return source > 0 ? first.substring(0, source) : first;
  }

  /** The YAML or JSON syntax error behind {@code e}, if that is what it is. */
  private static StreamReadException syntaxError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamReadException s && !(t instanceof JsonMappingException)) {
        return s;
      }
    }
    return null;
  }

  /** The fields of the record that did not know the field, in declaration order. */
  private static String allowedFields(UnrecognizedPropertyException u) {
    Class<?> type = u.getReferringClass();
    if (type != null && type.isRecord()) {
      return Arrays.stream(type.getRecordComponents())
          .map(RecordComponent::getName)
          .collect(Collectors.joining(", "));
    }
    return u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  /** The path of the object holding the unknown field. */
  private static FieldPath parentPath(JsonMappingException e) {
    List<JsonMappingException.Reference> refs = e.getPath();
    return path(refs.subList(0, Math.max(0, refs.size() - 1)));
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static FieldPath path(JsonMappingException e) {
    return path(e.getPath());
  }

  private static FieldPath path(List<JsonMappingException.Reference> refs) {
    FieldPath path = FieldPath.root();
    for (JsonMappingException.Reference ref : refs) {
      path = ref.getFieldName() != null ? path.field(ref.getFieldName()) : path.index(ref.getIndex());
    }
    return path;
  }

  private String allowedTypes(Class<?> base) {
    if (base == SamplerSpec.class) {
      return SamplerSpec.ALLOWED;
    }
    if (base == OptimizerSpec.class) {
      return OptimizerSpec.ALLOWED;
    }
    if (base == OptimizerSpec.ScheduleSpec.class) {
      return OptimizerSpec.ScheduleSpec.ALLOWED;
    }
    return typeNames(modelTypes);
  }

  /** The type names of model spec records, comma-separated. */
  public static String typeNames(List<Class<? extends ModelSpec>> types) {
    return types.stream()
        .map(c -> c.getAnnotation(JsonTypeName.class).value())
        .collect(Collectors.joining(", "));
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == EstimatorSpec.class) {
      return "an estimator name or {name: ..., ...}";
    }
    return "an object (" + type.getSimpleName().replace("Spec", "").toLowerCase(Locale.ROOT) + ")";
  }
}
