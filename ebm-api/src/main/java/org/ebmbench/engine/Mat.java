package org.ebmbench.engine;

/**
 * A dense matrix owned by an engine: host memory for the CPU engine, device memory for the GPU
 * engine. Code above the engine line never reads its elements directly; it passes matrices to
 * {@link Ops} and copies them out with {@link Ops#toHost(Mat)} only where a small result is
 * needed on the host. A vector is a matrix with one column (or one row).
 */
public interface Mat {
  int rows();

  int cols();

  default long size() {
    return (long) rows() * cols();
  }
}
