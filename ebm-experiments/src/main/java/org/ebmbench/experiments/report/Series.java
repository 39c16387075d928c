package org.ebmbench.experiments.report;

import java.util.List;

/**
 * One line of a chart: (x, y) points in x order.
 *
 * @param label the legend entry
 * @param x the x values
 * @param y the y values, same length
 */
record Series(String label, List<Double> x, List<Double> y) {}
