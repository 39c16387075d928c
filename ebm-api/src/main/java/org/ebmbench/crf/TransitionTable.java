package org.ebmbench.crf;

/**
 * The transition matrix A of a {@link ChainCrf} with the exponentials forward-backward needs,
 * computed once per weight vector and shared read-only by all sequences (and threads).
 *
 * <p>{@code expByColumn[i * L + j] = exp(A[i,j] - max_i A[i,j])} and {@code expByRow[i * L + j] =
 * exp(A[i,j] - max_j A[i,j])}: every entry lies in (0, 1], each column (row) holds a 1, so the
 * tables never overflow however large the weights.
 */
final class TransitionTable {
  final int labels;
  final double[] scores;
  final double[] expByColumn;
  final double[] columnMax;
  final double[] expByRow;
  final double[] rowMax;

  TransitionTable(ChainCrf model) {
    labels = model.numLabels();
    double[] weights = model.weightsView();
    int offset = model.transitionIndex(0, 0);
    scores = new double[labels * labels];
    System.arraycopy(weights, offset, scores, 0, scores.length);
    columnMax = new double[labels];
    rowMax = new double[labels];
    java.util.Arrays.fill(columnMax, Double.NEGATIVE_INFINITY);
    java.util.Arrays.fill(rowMax, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < labels; i++) {
      for (int j = 0; j < labels; j++) {
        double a = scores[i * labels + j];
        columnMax[j] = Math.max(columnMax[j], a);
        rowMax[i] = Math.max(rowMax[i], a);
      }
    }
    expByColumn = new double[labels * labels];
    expByRow = new double[labels * labels];
    for (int i = 0; i < labels; i++) {
      for (int j = 0; j < labels; j++) {
        double a = scores[i * labels + j];
        expByColumn[i * labels + j] = Math.exp(a - columnMax[j]);
        expByRow[i * labels + j] = Math.exp(a - rowMax[i]);
      }
    }
  }
}
