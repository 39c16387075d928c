package org.ebmbench.gpu;

import org.ebmbench.engine.Mat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A rows x cols matrix held by ND4J: in device memory on the CUDA backend, off-heap on
 * nd4j-native. The array is always a fresh, contiguous, row-major ('c') array of its own (never a
 * view), so its buffer holds exactly its elements in row-major order. A matrix with no elements
 * has no array: ND4J's empty arrays do not take part in every operation.
 */
final class GpuMat implements Mat {
  private final int rows;
  private final int cols;
  /** Null when the matrix has no elements. */
  final INDArray array;

  GpuMat(int rows, int cols, INDArray array) {
    this.rows = rows;
    this.cols = cols;
    this.array = array;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  boolean isEmpty() {
    return array == null;
  }

  @Override
  public String toString() {
    return "GpuMat[" + rows + " x " + cols + "]";
  }
}
