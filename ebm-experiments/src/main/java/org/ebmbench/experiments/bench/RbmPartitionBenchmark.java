package org.ebmbench.experiments.bench;

import java.util.concurrent.TimeUnit;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.BernoulliRbm;
import org.ebmbench.random.RandomStream;
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
 * Exact log Z of a Bernoulli RBM (784 visible, 20 hidden by default) by enumerating all 2^nh hidden
 * states and summing the visible layer out analytically, in double, on an engine chosen by name.
 * Each invocation enumerates afresh (the uncached entry point).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class RbmPartitionBenchmark {
  @Param({"cpu"})
  public String engine;

  @Param({"784x20"})
  public String shape;

  private BernoulliRbm model;

  @Setup
  public void setUp() {
    Ops ops = Engines.byName(engine).ops();
    String[] dims = shape.split("x");
    // Weights of the size CD training gives on binarized images (sd 0.1), biases sd 0.5.
    model =
        BernoulliRbm.random(
            ops, Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), 0.1, 0.5,
            RandomStream.of(42));
  }

  @Benchmark
  public double logPartition() {
    return model.logPartitionEnumerating(BernoulliRbm.Layer.HIDDEN);
  }
}
