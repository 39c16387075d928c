package org.ebmbench.experiments.bench;

import java.util.concurrent.TimeUnit;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Ops;
import org.ebmbench.model.IsingModel;
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
 * Exact log Z and E[T] of an n-spin Ising model by enumeration of all 2^n states (one pass
 * computes both), on each engine (cpu, or gpu in its default precision). Each invocation
 * enumerates afresh: a copy of the model has an empty cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class IsingPartitionBenchmark {
  @Param({"cpu", "gpu"})
  public String engine;

  @Param({"16", "20"})
  public int spins;

  private IsingModel model;

  @Setup
  public void setUp() {
    Ops ops = Engines.byName(engine).ops();
    model = IsingModel.random(ops, spins, 0.5, 0.1, RandomStream.of(42));
  }

  @Benchmark
  public double logPartition() {
    return model.copy().logPartition();
  }
}
