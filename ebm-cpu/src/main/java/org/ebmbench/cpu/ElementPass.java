package org.ebmbench.cpu;

/**
 * Element-wise passes written once, on double arrays, for both storage precisions. A {@link
 * Kernel} sees a chunk of each matrix as a double array and an offset: for a double matrix its
 * storage itself, for a float matrix a widened copy of the chunk (an output's copy is rounded back
 * into the storage once the kernel is done). The arithmetic is therefore double in both
 * precisions, exactly as {@link CpuMat#get} and {@link CpuMat#set} would give it, and the kernel's
 * loop runs over plain arrays, which SIMD code ({@link VectorSilu}) needs. For one multiply or add
 * per element the copies cost more than they save: {@link CpuMat#get} and {@link CpuMat#set} are
 * as fast there (the JIT inlines them), so only {@link CpuOps#activate}, the sigmoid of a double
 * matrix in {@link CpuOps#map} and {@link CpuOps#adamStep} use this (a float matrix's sigmoid and
 * SiLU stay in float: {@link FloatSigmoid}, {@link FloatSilu}).
 */
final class ElementPass {
  /**
   * Whether the incubating Vector API resolved at startup ({@code --add-modules
   * jdk.incubator.vector}); the classes named Vector* are loaded only when it did.
   */
  static final boolean VECTOR_API =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  /** Elements per chunk: the float copies of five matrices stay in the level-1 cache. */
  static final int CHUNK = 512;

  private ElementPass() {}

  /** The body of an element-wise pass over one chunk. */
  @FunctionalInterface
  interface Kernel {
    /**
     * Processes {@code length} elements: matrix s's element i of the chunk is {@code
     * arrays[s][offsets[s] + i]}.
     */
    void run(double[][] arrays, int[] offsets, int length);
  }

  /**
   * Runs {@code kernel} over elements [from, to) of {@code mats}: the first {@code inputs} are
   * read, the rest written (a null output gets a scratch array that is thrown away). An output
   * may be one of the inputs (in place).
   */
  static void run(CpuMat[] mats, int inputs, int from, int to, Kernel kernel) {
    int slots = mats.length;
    int width = Math.min(CHUNK, to - from);
    double[][] arrays = new double[slots][];
    int[] offsets = new int[slots];
    for (int s = 0; s < slots; s++) {
      boolean doubles = mats[s] instanceof CpuMat.Doubles;
      arrays[s] = doubles ? ((CpuMat.Doubles) mats[s]).data : new double[width];
    }
    for (int start = from; start < to; start += CHUNK) {
      int length = Math.min(CHUNK, to - start);
      for (int s = 0; s < slots; s++) {
        CpuMat m = mats[s];
        if (m instanceof CpuMat.Doubles) {
          offsets[s] = m.offset + start;
        } else if (m != null && s < inputs) {
          widen(((CpuMat.Floats) m).data, m.offset + start, arrays[s], length);
        }
      }
      kernel.run(arrays, offsets, length);
      for (int s = inputs; s < slots; s++) {
        CpuMat m = mats[s];
        if (m instanceof CpuMat.Floats) {
          narrow(arrays[s], ((CpuMat.Floats) m).data, m.offset + start, length);
        }
      }
    }
  }

  private static void widen(float[] source, int from, double[] target, int length) {
    if (VECTOR_API) {
      VectorConversions.widen(source, from, target, length);
      return;
    }
    for (int i = 0; i < length; i++) {
      target[i] = source[from + i];
    }
  }

  private static void narrow(double[] source, float[] target, int to, int length) {
    if (VECTOR_API) {
      VectorConversions.narrow(source, target, to, length);
      return;
    }
    for (int i = 0; i < length; i++) {
      target[to + i] = (float) source[i];
    }
  }
}
