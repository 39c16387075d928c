package org.ebmbench.experiments.report;

import java.util.List;

/**
 * One line of a chart: (x, y) points in x order, with a band from {@code low} to {@code high}
 * (the seeds' minimum and maximum; equal to y for one seed).
 *
 * @param label the legend entry
 * @param x the x values
 * @param y the y values (the mean over seeds), same length
 * @param low the band's lower edge, same length
 * @param high the band's upper edge, same length
 */
record Series(String label, List<Double> x, List<Double> y, List<Double> low, List<Double> high) {
  Series {
    if (y.size() != x.size() || low.size() != x.size() || high.size() != x.size()) {
      throw new IllegalArgumentException(
          "series '" + label + "': x, y, low and high have sizes " + x.size() + ", " + y.size()
              + ", " + low.size() + ", " + high.size());
    }
  }

  /** A line without a band. */
  Series(String label, List<Double> x, List<Double> y) {
    this(label, x, y, y, y);
  }
}
