package org.ebmbench.train;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.random.RandomStream;

/**
 * Mini-batches drawn without replacement: the rows are shuffled, consumed batchSize at a time, and
 * reshuffled when fewer than batchSize remain. A batch of every row is the data itself.
 */
final class MiniBatches {
  private final Ops ops;
  private final Mat data;
  private final RandomStream stream;
  private final int[] order;
  private final int[] rows;
  private final Mat batch;
  private int position;

  MiniBatches(Ops ops, Mat data, int batchSize, RandomStream stream) {
    if (batchSize > data.rows()) {
      throw new IllegalArgumentException(
          "batch size " + batchSize + " exceeds the " + data.rows() + " rows of the data");
    }
    this.ops = ops;
    this.data = data;
    this.stream = stream;
    boolean fullBatch = batchSize == data.rows();
    this.order = fullBatch ? null : new int[data.rows()];
    this.rows = fullBatch ? null : new int[batchSize];
    this.batch = fullBatch ? data : ops.zeros(batchSize, data.cols());
    if (!fullBatch) {
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      position = order.length; // shuffle before the first batch
    }
  }

  /** The next batch; it is overwritten by the following call. */
  Mat next() {
    if (order == null) {
      return batch;
    }
    if (position + rows.length > order.length) {
      shuffle();
      position = 0;
    }
    System.arraycopy(order, position, rows, 0, rows.length);
    position += rows.length;
    ops.gatherRows(data, rows, batch);
    return batch;
  }

  private void shuffle() {
    for (int i = order.length - 1; i > 0; i--) {
      int j = stream.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
