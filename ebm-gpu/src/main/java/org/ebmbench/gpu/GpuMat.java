package org.ebmbench.gpu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ebmbench.engine.Mat;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A rows x cols row-major matrix held by ND4J: in device memory on the CUDA backend, off-heap on
 * nd4j-native. A matrix either owns its storage (a fresh, contiguous array whose buffer holds
 * exactly its elements) or is a {@link #view} of consecutive elements of another's, from {@link
 * #offset} on. A matrix with no elements has no array: ND4J's empty arrays do not take part in
 * every operation.
 */
final class GpuMat implements Mat {
  /** Views remembered per matrix; more are made afresh each time. */
  private static final int MAX_VIEWS = 32;

  private final int rows;
  private final int cols;
  /** Null when the matrix has no elements. */
  final INDArray array;
  /** The buffer of the matrix that owns the storage (null when empty). */
  private final DataBuffer root;
  /** Where this matrix's first element sits in {@link #root}. */
  private final long offset;

  /**
   * Views already made of this matrix, by window: callers take the same windows of a parameter or
   * gradient vector at every step, and each new ND4J view costs an allocation.
   */
  private final Map<ViewKey, GpuMat> views = new ConcurrentHashMap<>();

  /** A matrix that owns {@code array} (null for an empty matrix). */
  GpuMat(int rows, int cols, INDArray array) {
    this(rows, cols, array, array == null ? null : array.data(), 0);
  }

  private GpuMat(int rows, int cols, INDArray array, DataBuffer root, long offset) {
    this.rows = rows;
    this.cols = cols;
    this.array = array;
    this.root = root;
    this.offset = offset;
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

  /** Whether this matrix owns its whole buffer (so the buffer holds exactly its elements). */
  boolean ownsStorage() {
    return array != null && offset == 0 && array.data() == root && root.length() == size();
  }

  /** A rows x cols matrix over elements [first, first + rows * cols) of this one, sharing them. */
  GpuMat view(long first, int viewRows, int viewCols) {
    if ((long) viewRows * viewCols == 0) {
      return new GpuMat(viewRows, viewCols, null, null, 0);
    }
    ViewKey key = new ViewKey(first, viewRows, viewCols);
    GpuMat known = views.get(key);
    if (known != null) {
      return known;
    }
    GpuMat made = newView(first, viewRows, viewCols);
    if (views.size() < MAX_VIEWS) {
      views.put(key, made);
    }
    return made;
  }

  private GpuMat newView(long first, int viewRows, int viewCols) {
    INDArray window =
        Nd4j.create(
            root,
            new long[] {viewRows, viewCols},
            new long[] {viewCols, 1},
            offset + first,
            'c',
            array.dataType());
    return new GpuMat(viewRows, viewCols, window, root, offset + first);
  }

  /** A vector view of {@code count} elements of this matrix from row-major position {@code first}. */
  INDArray flatRange(long first, int count) {
    return Nd4j.create(
        root, new long[] {count}, new long[] {1}, offset + first, 'c', array.dataType());
  }

  /** Whether the two matrices share any element. */
  boolean overlaps(GpuMat other) {
    return root != null
        && root == other.root
        && offset < other.offset + other.size()
        && other.offset < offset + size();
  }

  private record ViewKey(long first, int rows, int cols) {}

  @Override
  public String toString() {
    return "GpuMat[" + rows + " x " + cols + "]";
  }
}
