package org.ebmbench.gpu;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One thread's reusable ND4J arrays: scalar operands, columns of ones and scratch matrices, so
 * that an {@link Nd4jOps} operation allocates nothing once warm. On nd4j-native every ND4J
 * allocation costs tens of microseconds (a native buffer, a deallocator registered with a
 * reference queue, javacpp's memory accounting, later a GC-driven free), tens of times the cost of
 * an element-wise kernel on the small matrices of the toy models and RBMs; ND4J's scalar operations
 * also allocate their scalar operand on every call unless it is given as an array. Not shared
 * between threads (scratch contents are live only during one operation).
 */
final class Nd4jScratch {
  /** Scratch elements kept per thread before the cache is emptied (64 MiB in float). */
  private static final long MAX_SCRATCH_ELEMENTS = 1L << 24;

  /** Scalars in use at once by one operation, at most. */
  private static final int SCALAR_RING = 4;

  private final DataType type;
  private final INDArray[] scalars = new INDArray[SCALAR_RING];
  private int nextScalar;
  private final Map<Long, INDArray> ones = new HashMap<>();
  private final Map<DataType, INDArray> results = new EnumMap<>(DataType.class);
  private final Map<ScratchKey, GpuMat> scratch = new HashMap<>();
  private long scratchElements;

  Nd4jScratch(DataType type) {
    this.type = type;
  }

  /**
   * A 0-d array holding {@code value} in this precision, for a scalar operation's {@code
   * setScalar}; the ring of {@value #SCALAR_RING} lets one operation hold that many at once.
   */
  INDArray scalar(double value) {
    int slot = nextScalar;
    nextScalar = (slot + 1) % SCALAR_RING;
    INDArray s = scalars[slot];
    if (s == null) {
      s = Nd4j.scalar(type, 0.0);
      scalars[slot] = s;
    }
    s.putScalar(0, value);
    return s;
  }

  /** A 0-d array of {@code dataType} to receive a full reduction; reused, so read it at once. */
  INDArray result(DataType dataType) {
    return results.computeIfAbsent(dataType, t -> Nd4j.scalar(t, 0.0));
  }

  /** An n x 1 column of ones (n >= 1); the caller must not write to it. */
  INDArray ones(long n) {
    return ones.computeIfAbsent(n, k -> Nd4j.ones(type, k, 1));
  }

  /**
   * A rows x cols matrix of this precision with undefined contents, the same array for the same
   * (slot, shape) until the cache outgrows {@value #MAX_SCRATCH_ELEMENTS} elements. Operations
   * that need two temporaries of one shape at once use two slots.
   */
  INDArray matrix(int slot, long rows, long cols) {
    return matrix(slot, rows, cols, type);
  }

  /** As {@link #matrix(int, long, long)}, in the given data type. */
  INDArray matrix(int slot, long rows, long cols, DataType dataType) {
    return mat(slot, Math.toIntExact(rows), Math.toIntExact(cols), dataType).array;
  }

  /**
   * {@link #matrix(int, long, long)} as a {@link GpuMat} (rows * cols >= 1), for an operation
   * composed from other {@link Nd4jOps} operations: the same object for the same (slot, shape).
   */
  GpuMat mat(int slot, int rows, int cols) {
    return mat(slot, rows, cols, type);
  }

  private GpuMat mat(int slot, int rows, int cols, DataType dataType) {
    ScratchKey key = new ScratchKey(slot, rows, cols, dataType);
    GpuMat m = scratch.get(key);
    if (m == null) {
      long size = (long) rows * cols;
      if (scratchElements + size > MAX_SCRATCH_ELEMENTS) {
        scratch.clear();
        scratchElements = 0;
      }
      m = new GpuMat(rows, cols, Nd4j.createUninitialized(dataType, rows, cols));
      scratch.put(key, m);
      scratchElements += size;
    }
    return m;
  }

  private record ScratchKey(int slot, int rows, int cols, DataType type) {}
}
