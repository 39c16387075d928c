package org.ebmbench.experiments.run;

import org.ebmbench.experiments.results.CurvePoint;
import org.ebmbench.experiments.results.Picture;

/** Where a running cell sends what it produces, as it produces it. */
public interface CellRecorder {
  /**
   * One evaluation: step 0 first, the last step last.
   *
   * @throws CellFailedException if a metric is not finite (the cell stops there)
   */
  void curvePoint(CurvePoint point);

  /**
   * A small picture of what the cell learned (samples, filters, a density), kept in its result
   * and shown in the report. Names are unique within a cell; a later picture of the same name
   * replaces the earlier one.
   */
  void picture(Picture picture);
}
