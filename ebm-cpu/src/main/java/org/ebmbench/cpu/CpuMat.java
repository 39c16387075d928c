package org.ebmbench.cpu;

import org.ebmbench.engine.Mat;

/** A row-major matrix of doubles on the Java heap. */
final class CpuMat implements Mat {
  final int rows;
  final int cols;
  final double[] data;

  CpuMat(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
    }
    if ((long) rows * cols > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "matrix " + rows + " x " + cols + " exceeds the CPU engine's 2^31 element limit");
    }
    this.rows = rows;
    this.cols = cols;
    this.data = new double[rows * cols];
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public String toString() {
    return "CpuMat[" + rows + " x " + cols + "]";
  }
}
