package org.ebmbench.cpu;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Precision;
import org.ebmbench.random.RandomStream;

/**
 * A row-major matrix on the Java heap, stored in one precision. The engine's loops are written
 * once against {@link #get} and {@link #set}, which read and write every element as a double: the
 * arithmetic (and every accumulation) is double, and a float matrix rounds each value it stores.
 * Only storage differs between the two precisions, so nothing but storage is written twice.
 *
 * <p>A matrix is a window of {@code rows * cols} consecutive elements of an array, starting at
 * {@code offset}: a new matrix owns its whole array, a {@link #view} shares another's.
 */
abstract sealed class CpuMat implements Mat permits CpuMat.Doubles, CpuMat.Floats {
  /** The bits of 1.0 and of 1.0f, for {@link #below}. */
  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

  private static final int ONE_FLOAT_BITS = Float.floatToRawIntBits(1f);

  final int rows;
  final int cols;
  final int offset;

  private CpuMat(int rows, int cols, int offset) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
    }
    if ((long) rows * cols > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "matrix " + rows + " x " + cols + " exceeds the CPU engine's 2^31 element limit");
    }
    this.rows = rows;
    this.cols = cols;
    this.offset = offset;
  }

  /** A new matrix of zeros stored in {@code precision}. */
  static CpuMat zeros(Precision precision, int rows, int cols) {
    return precision == Precision.DOUBLE ? new Doubles(rows, cols) : new Floats(rows, cols);
  }

  /** A rows x cols matrix on elements [first, first + rows * cols) of this one's storage. */
  abstract CpuMat view(int first, int rows, int cols);

  /** Whether the two share storage and their windows intersect. */
  abstract boolean overlaps(CpuMat other);

  /** The storage precision. */
  abstract Precision precision();

  /** Element {@code i} in row-major order. */
  abstract double get(int i);

  /** Stores {@code value} (rounded to the nearest float in a float matrix) at {@code i}. */
  abstract void set(int i, double value);

  /**
   * Fills this matrix with uniform draws from {@code stream} in row-major order, kept in [0, 1): a
   * float matrix keeps a draw's leading 24 bits, k / 2^24 (rounding to nearest would turn draws
   * just below 1 into 1).
   */
  abstract void drawUniform(RandomStream stream);

  /**
   * Element i becomes 1 if the i-th uniform draw from {@code stream} (stored as {@link
   * #drawUniform} stores it) is below element i of {@code probabilities} (same shape and
   * precision; this matrix itself, or storage that does not overlap it), else 0: a direct loop
   * over the arrays, where the draws are sequential anyway.
   */
  abstract void drawBernoulli(RandomStream stream, CpuMat probabilities);

  /**
   * Elements [from, to) of this matrix, uniform draws, become 1 if below the same elements of
   * {@code probabilities} (same shape and precision), else 0: the comparison of {@link
   * #drawBernoulli} as a separate pass, which can run in parallel.
   */
  abstract void keepBelow(CpuMat probabilities, int from, int to);

  /** Copies {@code count} elements from {@code from} into {@code target} (same precision). */
  abstract void copyTo(int from, CpuMat target, int to, int count);

  /** Sets every element to {@code value}. */
  abstract void fill(double value);

  /**
   * 1 if {@code u < p} else 0, without a branch on the comparison (whose outcome is random here,
   * so a branch mispredicts about once in two draws): the sign bit of {@code u - p}, which is set
   * exactly when u < p for finite u, since a difference of two different numbers never rounds to
   * zero (gradual underflow), turned into the bits of 1 or 0 (an integer-to-floating conversion
   * took 1.5x as long per draw). NaN p gives 0, as the comparison does.
   */
  static double below(double u, double p) {
    long negative = Double.doubleToRawLongBits(u - p) >>> 63;
    return p == p ? Double.longBitsToDouble(negative * ONE_BITS) : 0.0;
  }

  /** As {@link #below(double, double)} for floats. */
  static float below(float u, float p) {
    int negative = Float.floatToRawIntBits(u - p) >>> 31;
    return p == p ? Float.intBitsToFloat(negative * ONE_FLOAT_BITS) : 0f;
  }

  /** rows * cols. */
  final int length() {
    return rows * cols;
  }

  @Override
  public final int rows() {
    return rows;
  }

  @Override
  public final int cols() {
    return cols;
  }

  @Override
  public String toString() {
    return "CpuMat[" + rows + " x " + cols + ", " + precision() + "]";
  }

  /** 64-bit storage: the reference precision. */
  static final class Doubles extends CpuMat {
    final double[] data;

    Doubles(int rows, int cols) {
      this(new double[rows * cols], 0, rows, cols);
    }

    private Doubles(double[] data, int offset, int rows, int cols) {
      super(rows, cols, offset);
      this.data = data;
    }

    @Override
    CpuMat view(int first, int rows, int cols) {
      return new Doubles(data, offset + first, rows, cols);
    }

    @Override
    boolean overlaps(CpuMat other) {
      return other instanceof Doubles
          && ((Doubles) other).data == data
          && offset < other.offset + other.length()
          && other.offset < offset + length();
    }

    @Override
    Precision precision() {
      return Precision.DOUBLE;
    }

    @Override
    double get(int i) {
      return data[offset + i];
    }

    @Override
    void set(int i, double value) {
      data[offset + i] = value;
    }

    @Override
    void drawUniform(RandomStream stream) {
      for (int i = offset, end = offset + length(); i < end; i++) {
        data[i] = stream.nextDouble();
      }
    }

    @Override
    void drawBernoulli(RandomStream stream, CpuMat probabilities) {
      double[] p = ((Doubles) probabilities).data;
      int shift = probabilities.offset - offset;
      for (int i = offset, end = offset + length(); i < end; i++) {
        data[i] = below(stream.nextDouble(), p[i + shift]);
      }
    }

    @Override
    void keepBelow(CpuMat probabilities, int from, int to) {
      double[] p = ((Doubles) probabilities).data;
      int shift = probabilities.offset - offset;
      for (int i = offset + from, end = offset + to; i < end; i++) {
        data[i] = below(data[i], p[i + shift]);
      }
    }

    @Override
    void copyTo(int from, CpuMat target, int to, int count) {
      System.arraycopy(data, offset + from, ((Doubles) target).data, target.offset + to, count);
    }

    @Override
    void fill(double value) {
      java.util.Arrays.fill(data, offset, offset + length(), value);
    }
  }

  /** 32-bit storage: half the memory traffic, and OpenBLAS's sgemm. */
  static final class Floats extends CpuMat {
    final float[] data;

    Floats(int rows, int cols) {
      this(new float[rows * cols], 0, rows, cols);
    }

    private Floats(float[] data, int offset, int rows, int cols) {
      super(rows, cols, offset);
      this.data = data;
    }

    @Override
    CpuMat view(int first, int rows, int cols) {
      return new Floats(data, offset + first, rows, cols);
    }

    @Override
    boolean overlaps(CpuMat other) {
      return other instanceof Floats
          && ((Floats) other).data == data
          && offset < other.offset + other.length()
          && other.offset < offset + length();
    }

    @Override
    Precision precision() {
      return Precision.FLOAT;
    }

    @Override
    double get(int i) {
      return data[offset + i];
    }

    @Override
    void set(int i, double value) {
      data[offset + i] = (float) value;
    }

    @Override
    void drawUniform(RandomStream stream) {
      for (int i = offset, end = offset + length(); i < end; i++) {
        data[i] = stream.nextFloat();
      }
    }

    @Override
    void drawBernoulli(RandomStream stream, CpuMat probabilities) {
      float[] p = ((Floats) probabilities).data;
      int shift = probabilities.offset - offset;
      for (int i = offset, end = offset + length(); i < end; i++) {
        data[i] = below(stream.nextFloat(), p[i + shift]);
      }
    }

    @Override
    void keepBelow(CpuMat probabilities, int from, int to) {
      float[] p = ((Floats) probabilities).data;
      int shift = probabilities.offset - offset;
      for (int i = offset + from, end = offset + to; i < end; i++) {
        data[i] = below(data[i], p[i + shift]);
      }
    }

    @Override
    void copyTo(int from, CpuMat target, int to, int count) {
      System.arraycopy(data, offset + from, ((Floats) target).data, target.offset + to, count);
    }

    @Override
    void fill(double value) {
      java.util.Arrays.fill(data, offset, offset + length(), (float) value);
    }
  }
}
