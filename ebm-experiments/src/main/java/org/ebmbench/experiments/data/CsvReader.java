package org.ebmbench.experiments.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ebmbench.data.Dataset;
import org.ebmbench.experiments.InputException;
import org.ebmbench.model.Domain;

/**
 * Reads user data: one example per line, comma-separated numbers ('.' as the decimal point,
 * whatever the locale), blank lines and lines starting with '#' skipped, optionally one header
 * line. Every problem is reported with the file, the line and the column (both 1-based): a
 * value that is not a number, NaN or infinite, outside the model's domain, or a row whose
 * length differs from the first.
 */
public final class CsvReader {
  private CsvReader() {}

  /**
   * @param file the file to read
   * @param shownName the file as the user named it, for messages
   * @param header whether the first data line is a header to skip
   * @param domain the set each value must lie in
   * @throws InputException naming the file, line and column at fault
   */
  public static Dataset read(Path file, String shownName, boolean header, Domain domain) {
    List<double[]> rows = new ArrayList<>();
    int columns = -1;
    int firstLine = -1;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      boolean headerPending = header;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        if (headerPending) {
          headerPending = false;
          continue;
        }
        String[] fields = trimmed.split(",", -1);
        if (columns < 0) {
          columns = fields.length;
          firstLine = lineNumber;
        } else if (fields.length != columns) {
          throw new InputException(
              "data file " + shownName + ", line " + lineNumber + ": " + fields.length
                  + " columns, expected " + columns + " like line " + firstLine);
        }
        double[] row = new double[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = parse(fields[c].strip(), domain, shownName, lineNumber, c + 1);
        }
        rows.add(row);
      }
    } catch (NoSuchFileException e) {
      throw new InputException("data file " + shownName + ": no such file (" + file + ")");
    } catch (IOException e) {
      throw new InputException("data file " + shownName + ": cannot read: " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new InputException("data file " + shownName + ": no data rows");
    }
    return Dataset.ofRows(shownName, rows.toArray(new double[0][]), domain);
  }

  private static double parse(String text, Domain domain, String file, int line, int column) {
    String where = "data file " + file + ", line " + line + ", column " + column + ": ";
    if (text.isEmpty()) {
      throw new InputException(where + "empty value");
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      value = nonFiniteSpelling(text);
      if (value == 0.0) {
        throw new InputException(where + "'" + text + "' is not a number");
      }
    }
    if (Double.isNaN(value)) {
      throw new InputException(where + "value is NaN");
    }
    if (Double.isInfinite(value)) {
      throw new InputException(where + "value is infinite");
    }
    if (domain == Domain.SPINS && value != -1.0 && value != 1.0) {
      throw new InputException(where + "value " + text + " is not a spin (-1 or +1)");
    }
    if (domain == Domain.BINARY && value != 0.0 && value != 1.0) {
      throw new InputException(where + "value " + text + " is not binary (0 or 1)");
    }
    return value;
  }

  /** NaN or an infinity as other tools write them ("nan", "-inf", ...); else 0. */
  private static double nonFiniteSpelling(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return 0.0;
  }
}
