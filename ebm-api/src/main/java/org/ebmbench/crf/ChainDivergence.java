package org.ebmbench.crf;

/** Exact divergences between two chain CRFs over the same attributes and labels. */
public final class ChainDivergence {
  private ChainDivergence() {}

  /**
   * KL(P_truth(.|x) || P_model(.|x)) = E_truth[f_truth - f_model] - log Z_truth + log Z_model,
   * with the expectation taken exactly from the truth's node and edge marginals (forward-backward),
   * so it costs O(T L^2), not L^T.
   */
  public static double kl(ChainCrf truth, ChainCrf model, Sequence x) {
    if (truth.numLabels() != model.numLabels()
        || truth.numAttributes() != model.numAttributes()) {
      throw new IllegalArgumentException(
          "chain KL: models differ in shape: "
              + truth.numAttributes() + " x " + truth.numLabels() + " vs "
              + model.numAttributes() + " x " + model.numLabels());
    }
    int labels = truth.numLabels();
    ForwardBackward p = truth.forwardBackward(x);
    ForwardBackward q = model.forwardBackward(x);
    double[] truthScores = truth.positionScores(x);
    double[] modelScores = model.positionScores(x);
    double[] wp = truth.weightsView();
    double[] wq = model.weightsView();
    double expectedDifference = 0;
    for (int t = 0; t < x.length(); t++) {
      for (int v = 0; v < labels; v++) {
        int k = t * labels + v;
        expectedDifference += p.nodeMarginal(t, v) * (truthScores[k] - modelScores[k]);
      }
      if (t == 0) {
        continue;
      }
      for (int i = 0; i < labels; i++) {
        for (int j = 0; j < labels; j++) {
          int k = truth.transitionIndex(i, j);
          expectedDifference += p.edgeMarginal(t, i, j) * (wp[k] - wq[k]);
        }
      }
    }
    return expectedDifference - p.logPartition() + q.logPartition();
  }
}
