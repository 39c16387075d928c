package org.ebmbench.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;

/**
 * Where the time of one CD-1 update of a 784x500 Bernoulli RBM goes (batch 100, SGD with
 * momentum): the Ops calls of {@code BernoulliRbm.contrastiveGradient} and {@code Sgd.step}, in
 * their order and on data like {@link RbmCdBenchmark}'s, each phase timed separately. The time is
 * the calling thread's CPU time, which a loaded machine distorts less than wall time; run it with
 * {@code -Debm.cpu.threads=1} so that all the work is on that thread. Prints ms per update.
 *
 * <pre>
 * java -Debm.cpu.threads=1 -cp "ebm-experiments/target/ebm-experiments.jar:ebm-experiments/target/lib/*" \
 *   org.ebmbench.experiments.bench.RbmCdPhases FLOAT 600
 * </pre>
 */
public final class RbmCdPhases {
  private static final String[] PHASES = {
    "gemm v0 W", "bias + sigmoid -> q0", "bernoulli h ~ q0", "gemm h W^T", "bias + sigmoid v",
    "bernoulli v1", "gemm v1 W", "bias + sigmoid -> q1", "gemm v1^T q1", "bias sums (model)",
    "gemm v0^T q0, beta 1", "bias sums (data)", "sgd: two axpby"
  };

  private final ThreadMXBean clock = ManagementFactory.getThreadMXBean();
  private final long[] spent = new long[PHASES.length];
  private long last;
  private int phase;

  private RbmCdPhases() {}

  /**
   * Arguments: precision (DOUBLE or FLOAT), number of updates (the first third warms up).
   *
   * @throws IllegalArgumentException on other arguments
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: RbmCdPhases DOUBLE|FLOAT updates");
    }
    new RbmCdPhases().run(Precision.valueOf(args[0]), Integer.parseInt(args[1]));
  }

  private void run(Precision precision, int updates) {
    Ops ops = Engines.byName("cpu").ops(precision);
    int n = 100;
    int nv = 784;
    int nh = 500;
    RandomStream stream = RandomStream.of(42);
    double[] values = new double[nv * nh + nv + nh];
    for (int i = 0; i < values.length; i++) {
      values[i] = 0.01 * stream.nextGaussian();
    }
    Mat theta = ops.fromHost(values.length, 1, values);
    Mat w = ops.view(theta, 0, nv, nh);
    Mat b = ops.view(theta, nv * nh, 1, nv);
    Mat c = ops.view(theta, nv * nh + nv, 1, nh);
    SplittableRandom pixels = new SplittableRandom(7);
    double[] batch = new double[n * nv];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = pixels.nextDouble() < 0.15 ? 1.0 : 0.0;
    }
    Mat v0 = ops.fromHost(n, nv, batch);
    Mat v1 = ops.zeros(n, nv);
    Mat visibleLogits = ops.zeros(n, nv);
    Mat q0 = ops.zeros(n, nh);
    Mat q1 = ops.zeros(n, nh);
    Mat h = ops.zeros(n, nh);
    Mat gradient = ops.zeros(values.length, 1);
    Mat velocity = ops.zeros(values.length, 1);
    Mat visibleSums = ops.zeros(1, nv);
    Mat hiddenSums = ops.zeros(1, nh);
    Mat gw = ops.view(gradient, 0, nv, nh);
    Mat gb = ops.view(gradient, nv * nh, 1, nv);
    Mat gc = ops.view(gradient, nv * nh + nv, 1, nh);
    int warmup = updates / 3;
    for (int update = 0; update < updates; update++) {
      if (update == warmup) {
        java.util.Arrays.fill(spent, 0L);
      }
      start();
      ops.gemm(1.0, v0, false, w, false, 0.0, q0);
      mark();
      ops.addRowVector(q0, c, q0);
      ops.map(UnaryFunction.SIGMOID, q0, q0);
      mark();
      ops.bernoulli(stream, q0, h);
      mark();
      ops.gemm(1.0, h, false, w, true, 0.0, visibleLogits);
      mark();
      ops.addRowVector(visibleLogits, b, visibleLogits);
      ops.map(UnaryFunction.SIGMOID, visibleLogits, visibleLogits);
      mark();
      ops.bernoulli(stream, visibleLogits, v1);
      mark();
      ops.gemm(1.0, v1, false, w, false, 0.0, q1);
      mark();
      ops.addRowVector(q1, c, q1);
      ops.map(UnaryFunction.SIGMOID, q1, q1);
      mark();
      ops.gemm(1.0 / n, v1, true, q1, false, 0.0, gw);
      mark();
      ops.columnSums(v1, visibleSums);
      ops.affine(visibleSums, 1.0 / n, 0.0, gb);
      ops.columnSums(q1, hiddenSums);
      ops.affine(hiddenSums, 1.0 / n, 0.0, gc);
      mark();
      ops.gemm(-1.0 / n, v0, true, q0, false, 1.0, gw);
      mark();
      ops.columnSums(v0, visibleSums);
      ops.axpby(-1.0 / n, visibleSums, 1.0, gb, gb);
      ops.columnSums(q0, hiddenSums);
      ops.axpby(-1.0 / n, hiddenSums, 1.0, gc, gc);
      mark();
      ops.axpby(0.5, velocity, 1.0, gradient, velocity);
      ops.axpby(1.0, theta, -1e-3, velocity, theta);
      mark();
    }
    int measured = updates - warmup;
    long total = 0;
    System.out.printf("%s, CPU ms per update of the calling thread, mean of %d updates:%n",
        precision, measured);
    for (int i = 0; i < PHASES.length; i++) {
      total += spent[i];
      System.out.printf("  %-24s %7.3f%n", PHASES[i], spent[i] / 1e6 / measured);
    }
    System.out.printf("  %-24s %7.3f (%.0f examples per CPU second)%n",
        "total", total / 1e6 / measured, n * 1e9 * measured / total);
  }

  private void start() {
    phase = 0;
    last = clock.getCurrentThreadCpuTime();
  }

  private void mark() {
    long now = clock.getCurrentThreadCpuTime();
    spent[phase++] += now - last;
    last = now;
  }
}
