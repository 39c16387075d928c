package org.ebmbench.experiments.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Ops#gemm} of the "cpu" engine through the public API, per kernel, shape, thread count and
 * precision (double by default; float products of 16 or more columns run in SIMD lanes in Java
 * whichever kernel is set, when the Vector API is there). Scores are products per second; GFLOP/s = score * 2 m k n / 1e9 (see
 * docs/BENCHMARKS.md).
 *
 * <p>Shapes are {@code m x k x n}, optionally {@code :XY} where X and Y say whether a and b are
 * transposed (N or T). The RBM CD-1 shapes (batch 100, 784 visible, 500 hidden): 100x784x500 is
 * v W, 100x500x784:NT is h W^T, 784x100x500:TN is v^T h. 16384x210x1 is a matrix times a vector
 * (energies of all 2^14 states of a pairwise model).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GemmBenchmark {
  /** The cpu engine's gemm kernel, chosen by the engine's ebm.cpu.gemm property. */
  @Param({"openblas", "java"})
  public String kernel;

  @Param({"1000x1000x1000", "100x784x500", "100x500x784:NT", "784x100x500:TN", "16384x210x1"})
  public String shape;

  @Param({"2"})
  public int threads;

  @Param({"DOUBLE"})
  public Precision precision;

  private Ops ops;
  private Mat a;
  private Mat b;
  private Mat c;
  private boolean transposeA;
  private boolean transposeB;

  @Setup
  public void setUp() {
    // The engine reads these when ServiceLoader creates it; this fork runs one configuration.
    System.setProperty("ebm.cpu.gemm", kernel);
    System.setProperty("ebm.cpu.threads", Integer.toString(threads));
    Engine engine = Engines.byName("cpu");
    String used = engine.info().details().get("gemm");
    if (used == null || !used.startsWith(kernel)) {
      throw new IllegalStateException(
          "asked for gemm kernel '" + kernel + "' but the engine uses: " + used);
    }
    ops = engine.ops(precision);
    String[] parts = shape.split(":");
    String[] dims = parts[0].split("x");
    int m = Integer.parseInt(dims[0]);
    int k = Integer.parseInt(dims[1]);
    int n = Integer.parseInt(dims[2]);
    transposeA = parts.length > 1 && parts[1].charAt(0) == 'T';
    transposeB = parts.length > 1 && parts[1].charAt(1) == 'T';
    SplittableRandom random = new SplittableRandom(42);
    a = transposeA ? random(random, k, m) : random(random, m, k);
    b = transposeB ? random(random, n, k) : random(random, k, n);
    c = ops.zeros(m, n);
  }

  private Mat random(SplittableRandom random, int rows, int cols) {
    double[] values = new double[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble(-1.0, 1.0);
    }
    return ops.fromHost(rows, cols, values);
  }

  @Benchmark
  public Mat gemm() {
    ops.gemm(1.0, a, transposeA, b, transposeB, 0.0, c);
    return c;
  }
}
