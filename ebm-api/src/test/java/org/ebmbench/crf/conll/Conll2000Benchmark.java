package org.ebmbench.crf.conll;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ebmbench.optim.Lbfgs;

/**
 * CoNLL-2000 chunking, train then test, with exact MLE + L2 by L-BFGS. A measuring tool, not a
 * unit test (surefire runs only *Test classes). Arguments: [l2] [threads] [blocks]. Prints one line
 * per L-BFGS iteration to stderr and a summary to stdout.
 */
public final class Conll2000Benchmark {
  private Conll2000Benchmark() {}

  public static void main(String[] args) {
    Optional<Path> dir = Conll2000Files.locate();
    if (dir.isEmpty()) {
      System.out.println("skipped: " + Conll2000Files.MISSING);
      return;
    }
    double l2 = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    // CRFsuite's L-BFGS defaults: 6 pairs, epsilon 1e-5, delta 1e-5 over 10 iterations.
    Lbfgs lbfgs = new Lbfgs(6, 1000, 1e-5, 10, 1e-5);
    List<ConllSentence> train = ConllReader.read(dir.get().resolve("train.txt"));
    List<ConllSentence> test = ConllReader.read(dir.get().resolve("test.txt"));
    long start = System.nanoTime();
    int[] evaluations = new int[1];
    int[] iterations = new int[1];
    ChunkTagger tagger =
        ChunkTagger.train(
            train,
            new ChunkTagger.Config(l2, blocks, threads, lbfgs),
            (iteration, value, x, count) -> {
              evaluations[0] = count;
              iterations[0] = iteration;
              System.err.printf(
                  Locale.ROOT,
                  "iteration %d  objective %.6f  evaluations %d  %.1f s%n",
                  iteration,
                  value,
                  count,
                  (System.nanoTime() - start) / 1e9);
            });
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    long tagStart = System.nanoTime();
    ChunkEvaluation result = tagger.evaluate(test);
    double tagSeconds = (System.nanoTime() - tagStart) / 1e9;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "l2 %s  threads %d  blocks %d%n"
            + "attributes %d  labels %d  parameters %d%n"
            + "iterations %d  evaluations %d  train %.1f s  %.3f s per evaluation%n"
            + "test: precision %.2f  recall %.2f  F1 %.2f  accuracy %.2f  (tagging %.1f s)%n"
            + "peak heap %.0f MiB%n"
            + "weights digest %08x (bit-exact; compare across thread counts)%n",
        l2,
        threads,
        blocks,
        tagger.attributes().size(),
        tagger.labels().size(),
        tagger.model().weights().length,
        iterations[0],
        evaluations[0],
        trainSeconds,
        trainSeconds / Math.max(1, evaluations[0]),
        result.precision(),
        result.recall(),
        result.f1(),
        result.accuracy(),
        tagSeconds,
        peakHeap / 1048576.0,
        Arrays.hashCode(tagger.model().weights()));
  }
}
