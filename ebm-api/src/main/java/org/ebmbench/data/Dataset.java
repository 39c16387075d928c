package org.ebmbench.data;

import java.util.Arrays;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.Domain;

/**
 * A validated table of examples held on the host: {@code rows} examples of {@code cols}
 * variables, row-major. Validation happens once, here, so nothing downstream meets a NaN or a
 * ragged row; each error names the data set, the row and the column at fault.
 */
public final class Dataset {
  private final String name;
  private final int rows;
  private final int cols;
  private final double[] values;

  private Dataset(String name, int rows, int cols, double[] values) {
    this.name = name;
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  /**
   * A data set from row-major values, checked for shape, finiteness and the domain.
   *
   * @throws InvalidDataException naming {@code name}, the row and the column at fault
   */
  public static Dataset of(String name, int rows, int cols, double[] values, Domain domain) {
    if (rows <= 0 || cols <= 0) {
      throw new InvalidDataException(
          "data set '" + name + "' is empty: " + rows + " rows x " + cols + " columns");
    }
    if (values.length != (long) rows * cols) {
      throw new InvalidDataException(
          "data set '" + name + "' has " + values.length + " values, expected " + rows + " x "
              + cols + " = " + (long) rows * cols);
    }
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      String problem = problem(v, domain);
      if (problem != null) {
        throw new InvalidDataException(
            "data set '" + name + "', row " + (i / cols) + ", column " + (i % cols) + ": "
                + problem);
      }
    }
    return new Dataset(name, rows, cols, values.clone());
  }

  /** A data set from rows, which must all have the same length. */
  public static Dataset ofRows(String name, double[][] data, Domain domain) {
    if (data.length == 0) {
      throw new InvalidDataException("data set '" + name + "' has no rows");
    }
    int cols = data[0].length;
    double[] values = new double[data.length * cols];
    for (int r = 0; r < data.length; r++) {
      if (data[r].length != cols) {
        throw new InvalidDataException(
            "data set '" + name + "', row " + r + " has " + data[r].length
                + " columns, expected " + cols + " like row 0");
      }
      System.arraycopy(data[r], 0, values, r * cols, cols);
    }
    return of(name, data.length, cols, values, domain);
  }

  private static String problem(double v, Domain domain) {
    if (Double.isNaN(v)) {
      return "value is NaN";
    }
    if (Double.isInfinite(v)) {
      return "value is infinite";
    }
    switch (domain) {
      case SPINS:
        return (v == -1.0 || v == 1.0) ? null : "value " + v + " is not a spin (-1 or +1)";
      case BINARY:
        return (v == 0.0 || v == 1.0) ? null : "value " + v + " is not binary (0 or 1)";
      default:
        return null;
    }
  }

  public String name() {
    return name;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** A copy of the values, row-major. */
  public double[] values() {
    return values.clone();
  }

  /** The first {@code count} rows and the rest, as two data sets (train / held out). */
  public Dataset[] split(int count, String firstName, String restName) {
    if (count <= 0 || count >= rows) {
      throw new InvalidDataException(
          "cannot split data set '" + name + "' of " + rows + " rows at row " + count);
    }
    return new Dataset[] {
      new Dataset(firstName, count, cols, Arrays.copyOfRange(values, 0, count * cols)),
      new Dataset(restName, rows - count, cols, Arrays.copyOfRange(values, count * cols, values.length))
    };
  }

  /** The data on an engine. */
  public Mat toEngine(Ops ops) {
    return ops.fromHost(rows, cols, values);
  }
}
