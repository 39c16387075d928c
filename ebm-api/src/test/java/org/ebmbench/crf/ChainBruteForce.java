package org.ebmbench.crf;

/**
 * Enumerates all L^T label sequences with plain loops, reading the weights by index straight from
 * the definition of f(x, y) (no shared code with forward-backward), for independent checks.
 */
final class ChainBruteForce {
  final double logPartition;
  final double[][] nodeMarginals;
  final double[][][] edgeMarginals;
  final int[] argmax;

  ChainBruteForce(ChainCrf model, Sequence x) {
    int length = x.length();
    int labels = model.numLabels();
    double[] w = model.weights();
    int total = (int) Math.pow(labels, length);
    double[] scores = new double[total];
    double max = Double.NEGATIVE_INFINITY;
    int best = 0;
    for (int code = 0; code < total; code++) {
      int[] y = decode(code, labels, length);
      double f = w[model.startIndex(y[0])] + w[model.endIndex(y[length - 1])];
      for (int t = 0; t < length; t++) {
        for (int a : x.attributes(t)) {
          f += w[model.emissionIndex(a, y[t])];
        }
        if (t > 0) {
          f += w[model.transitionIndex(y[t - 1], y[t])];
        }
      }
      scores[code] = f;
      if (f > max) {
        max = f;
        best = code;
      }
    }
    double sum = 0;
    for (double f : scores) {
      sum += Math.exp(f - max);
    }
    logPartition = max + Math.log(sum);
    argmax = decode(best, labels, length);
    nodeMarginals = new double[length][labels];
    edgeMarginals = new double[length][labels][labels];
    for (int code = 0; code < total; code++) {
      int[] y = decode(code, labels, length);
      double p = Math.exp(scores[code] - logPartition);
      for (int t = 0; t < length; t++) {
        nodeMarginals[t][y[t]] += p;
        if (t > 0) {
          edgeMarginals[t][y[t - 1]][y[t]] += p;
        }
      }
    }
  }

  static int[] decode(int code, int labels, int length) {
    int[] y = new int[length];
    for (int t = 0; t < length; t++) {
      y[t] = code % labels;
      code /= labels;
    }
    return y;
  }
}
