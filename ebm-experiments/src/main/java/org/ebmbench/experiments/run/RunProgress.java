package org.ebmbench.experiments.run;

import org.ebmbench.experiments.results.CellResult;

/** Told what the runner does, to show progress. */
public interface RunProgress extends AutoCloseable {
  /** The run starts: {@code total} cells, of which {@code alreadyDone} are skipped (resumed). */
  void start(int total, int alreadyDone);

  /** A cell starts running. */
  void cellStarted(Cell cell);

  /** A cell finished, ok or failed. */
  void cellFinished(Cell cell, CellResult result);

  @Override
  void close();

  /** Shows nothing. */
  RunProgress SILENT =
      new RunProgress() {
        @Override
        public void start(int total, int alreadyDone) {}

        @Override
        public void cellStarted(Cell cell) {}

        @Override
        public void cellFinished(Cell cell, CellResult result) {}

        @Override
        public void close() {}
      };
}
