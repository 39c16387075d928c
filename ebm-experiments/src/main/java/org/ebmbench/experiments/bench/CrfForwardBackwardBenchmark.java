package org.ebmbench.experiments.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ebmbench.crf.ChainCrf;
import org.ebmbench.crf.ChainLikelihoodKernel;
import org.ebmbench.crf.EngineChainLikelihoodKernel;
import org.ebmbench.crf.HostChainLikelihoodKernel;
import org.ebmbench.crf.LabeledSequence;
import org.ebmbench.crf.Sequence;
import org.ebmbench.engine.Engines;
import org.ebmbench.engine.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chain-CRF forward-backward with the gradient (log-likelihood, node and edge marginals, expected
 * and empirical feature counts) on one block of random sentences. Tasks: {@code conll}, 500
 * sentences shaped like CoNLL-2000 (22 labels, lengths uniform in 12..36, mean 24, 19 attributes
 * per token drawn from 50,000); {@code smoke}, one mini-batch of the smoke suite's chain task (50
 * sentences of 8 positions, 4 labels, 3 attributes per token drawn from 30). Kernels: {@code host}
 * ({@link HostChainLikelihoodKernel}, double, sentence by sentence) and {@code engine:PRECISION}
 * ({@link EngineChainLikelihoodKernel}, the whole block as batched Ops). The score is sentences per
 * second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CrfForwardBackwardBenchmark {
  /** The sentences one invocation processes, whatever the task (several blocks when small). */
  static final int SENTENCES = 500;

  /** A benchmark block: its size, labels, attributes and lengths. */
  private record Task(
      int sentences, int labels, int attributes, int perToken, int minLength, int maxLength) {}

  @Param({"host", "cpu:DOUBLE", "cpu:FLOAT", "gpu:DOUBLE", "gpu:FLOAT"})
  public String kernel;

  @Param({"conll", "smoke"})
  public String task;

  private ChainLikelihoodKernel implementation;
  private ChainCrf model;
  private List<LabeledSequence> block;
  private double[] gradient;

  @Setup
  public void setUp() {
    if (kernel.equals("host")) {
      implementation = new HostChainLikelihoodKernel();
    } else {
      String[] parts = kernel.split(":");
      implementation =
          new EngineChainLikelihoodKernel(
              Engines.byName(parts[0]).ops(Precision.valueOf(parts[1])));
    }
    Task shape =
        switch (task) {
          case "conll" -> new Task(SENTENCES, 22, 50_000, 19, 12, 36);
          case "smoke" -> new Task(50, 4, 30, 3, 8, 8);
          default -> throw new IllegalArgumentException("unknown task " + task);
        };
    SplittableRandom random = new SplittableRandom(11);
    double[] w = new double[ChainCrf.parameterCount(shape.attributes(), shape.labels())];
    for (int k = 0; k < w.length; k++) {
      w[k] = 0.3 * (random.nextDouble() * 2 - 1);
    }
    model = ChainCrf.of(shape.attributes(), shape.labels(), w);
    block = new ArrayList<>();
    for (int n = 0; n < shape.sentences(); n++) {
      int length = shape.minLength() + random.nextInt(shape.maxLength() - shape.minLength() + 1);
      int[][] attributes = new int[length][shape.perToken()];
      int[] y = new int[length];
      for (int t = 0; t < length; t++) {
        for (int k = 0; k < shape.perToken(); k++) {
          attributes[t][k] = random.nextInt(shape.attributes());
        }
        y[t] = random.nextInt(shape.labels());
      }
      block.add(new LabeledSequence(new Sequence(attributes), y));
    }
    gradient = new double[w.length];
  }

  @Benchmark
  @OperationsPerInvocation(SENTENCES)
  public double forwardBackward() {
    double total = 0;
    for (int done = 0; done < SENTENCES; done += block.size()) {
      Arrays.fill(gradient, 0);
      total += implementation.addLogLikelihoodGradient(model, block, gradient);
    }
    return total;
  }
}
