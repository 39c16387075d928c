package org.ebmbench.model;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;

/**
 * Walks all 2^n spin states of an {@link IsingModel} in chunks of rows on the engine: for each
 * chunk, the states (-1/+1), their sufficient statistics T and their log densities f = T Theta. Use
 * as {@code while (chunks.next()) { ... }}. The buffers are reused from chunk to chunk.
 */
final class SpinChunks {
  private final IsingModel model;
  private final Ops ops;
  private final long stateCount;
  private Buffers full;
  private Buffers current;
  private long nextIndex;

  SpinChunks(IsingModel model) {
    this.model = model;
    this.ops = model.ops();
    this.stateCount = 1L << model.dimension();
  }

  /** Advances to the next chunk; false when all states have been visited. */
  boolean next() {
    if (nextIndex >= stateCount) {
      return false;
    }
    int rows = (int) Math.min(IsingModel.ENUMERATION_CHUNK_ROWS, stateCount - nextIndex);
    if (full == null || full.rows() != rows) {
      // The first chunk sets the regular size; only a partial last chunk needs new buffers.
      current = new Buffers(ops, rows, model);
      if (full == null) {
        full = current;
      }
    } else {
      current = full;
    }
    ops.binaryStates(nextIndex, -1.0, 1.0, current.states);
    model.writeStatistics(current.states, current.pairs, current.statistics);
    ops.gemm(1.0, current.statistics, false, model.parameters(), false, 0.0, current.logDensity);
    nextIndex += rows;
    return true;
  }

  /** The index of the current chunk's first state (bit j of an index is spin j, 1 for +1). */
  long firstIndex() {
    return nextIndex - current.rows();
  }

  /** T(x) of the current chunk (rows x parameterCount). */
  Mat statistics() {
    return current.statistics;
  }

  /** f(x) of the current chunk (rows x 1). */
  Mat logDensity() {
    return current.logDensity;
  }

  /** A rows x 1 buffer the caller may overwrite (for weights exp(f - shift)). */
  Mat scratch() {
    return current.scratch;
  }

  /** The matrices of one chunk size. */
  private static final class Buffers {
    final Mat states;
    final Mat pairs;
    final Mat statistics;
    final Mat logDensity;
    final Mat scratch;

    Buffers(Ops ops, int rows, IsingModel model) {
      states = ops.zeros(rows, model.dimension());
      pairs = ops.zeros(rows, model.parameterCount() - model.dimension());
      statistics = ops.zeros(rows, model.parameterCount());
      logDensity = ops.zeros(rows, 1);
      scratch = ops.zeros(rows, 1);
    }

    int rows() {
      return states.rows();
    }
  }
}
