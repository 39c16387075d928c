package org.ebmbench.crf;

import java.util.List;

/**
 * Pseudo-likelihood of a chain CRF: PL(y|x) = sum_t log P(y_t | y_{t-1}, y_{t+1}, x), each term a
 * softmax over L labels, so it needs no partition function. Its gradient is, per position, the
 * features touching y_t at the observed label minus their expectation under that conditional.
 */
public final class ChainPseudoLikelihood implements ChainGradientEstimator {
  @Override
  public String name() {
    return "pseudo-likelihood";
  }

  /** sum_t log P(y_t | y_{-t}, x) for one labeled sequence. */
  public static double value(ChainCrf model, LabeledSequence sequence) {
    return valueAndAddGradient(model, sequence, null);
  }

  @Override
  public void addGradient(
      ChainCrf model, List<LabeledSequence> data, int[] rows, double[] gradient) {
    for (int row : rows) {
      valueAndAddGradient(model, data.get(row), gradient);
    }
  }

  /** The pseudo-log-likelihood of one sequence; adds its gradient unless gradient is null. */
  static double valueAndAddGradient(ChainCrf model, LabeledSequence sequence, double[] gradient) {
    Sequence x = sequence.x();
    int[] y = sequence.y();
    model.checkLabels(x, y);
    int labels = model.numLabels();
    double[] scores = model.positionScores(x);
    double[] p = new double[labels];
    double total = 0;
    for (int t = 0; t < y.length; t++) {
      ChainGibbs.conditionalLogWeights(model, scores, y, t, p);
      double logNorm = ForwardBackward.logSumExp(p, 0, labels);
      total += p[y[t]] - logNorm;
      if (gradient == null) {
        continue;
      }
      for (int v = 0; v < labels; v++) {
        p[v] = (v == y[t] ? 1 : 0) - Math.exp(p[v] - logNorm);
      }
      for (int a : x.attributesAt(t)) {
        addRow(gradient, model.emissionIndex(a, 0), p);
      }
      if (t == 0) {
        addRow(gradient, model.startIndex(0), p);
      }
      if (t == y.length - 1) {
        addRow(gradient, model.endIndex(0), p);
      }
      for (int v = 0; v < labels; v++) {
        if (t > 0) {
          gradient[model.transitionIndex(y[t - 1], v)] += p[v];
        }
        if (t < y.length - 1) {
          gradient[model.transitionIndex(v, y[t + 1])] += p[v];
        }
      }
    }
    return total;
  }

  private static void addRow(double[] target, int offset, double[] values) {
    for (int v = 0; v < values.length; v++) {
      target[offset + v] += values[v];
    }
  }
}
