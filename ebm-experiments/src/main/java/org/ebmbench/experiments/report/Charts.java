package org.ebmbench.experiments.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Line charts with bands as inline SVG (JFreeChart drawn on JFreeSVG), headless.
 */
final class Charts {
  private static final int WIDTH = 560;
  private static final int HEIGHT = 340;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)
  };

  static {
    // Charts are drawn into SVG, never onto a screen.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /**
   * An SVG element of a line chart, with a log y axis when every y value is positive.
   *
   * @param idPrefix unique per chart in a page, so the SVG ids of two charts never clash
   */
  static String lineChart(
      String idPrefix, String title, String xLabel, String yLabel, List<Series> series) {
    return svg(chart(title, xLabel, yLabel, series), idPrefix);
  }

  /**
   * Whether the y axis is logarithmic: when there is data and every y value, band edges
   * included, is positive.
   */
  static boolean logScale(List<Series> series) {
    boolean any = false;
    for (Series s : series) {
      for (List<Double> values : List.of(s.y(), s.low(), s.high())) {
        for (double y : values) {
          if (!(y > 0)) {
            return false;
          }
          any = true;
        }
      }
    }
    return any;
  }

  /** The chart, before drawing. */
  static JFreeChart chart(String title, String xLabel, String yLabel, List<Series> series) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (Series s : series) {
      YIntervalSeries xy = new YIntervalSeries(s.label(), false, true);
      for (int i = 0; i < s.x().size(); i++) {
        xy.add(s.x().get(i), s.y().get(i), s.low().get(i), s.high().get(i));
      }
      data.addSeries(xy);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    // Tick labels in Locale.ROOT: a decimal comma must not appear in a shared report.
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    if (logScale(series)) {
      LogAxis log = new LogAxis(yLabel + " (log scale)");
      log.setSmallestValue(1e-300);
      log.setNumberFormatOverride(new DecimalFormat("0.#E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
      plot.setRangeAxis(log);
    } else {
      NumberAxis linear = (NumberAxis) plot.getRangeAxis();
      linear.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
      linear.setAutoRangeIncludesZero(false);
    }
    // The line is the mean over seeds; the translucent band spans the seeds' min to max.
    DeviationRenderer renderer = new DeviationRenderer(true, true);
    renderer.setAlpha(0.18f);
    // Filled markers only: an outline on top doubles the SVG for no visible gain.
    renderer.setDrawOutlines(false);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      renderer.setSeriesFillPaint(i, PALETTE[i % PALETTE.length]);
      renderer.setSeriesStroke(i, new BasicStroke(1.8f));
      renderer.setSeriesShape(i, new Ellipse2D.Double(-2, -2, 4, 4));
    }
    plot.setRenderer(renderer);
    return chart;
  }

  /** The chart drawn as an SVG element; {@code idPrefix} keeps its ids unique in the page. */
  static String svg(JFreeChart chart, String idPrefix) {
    SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
    g2.setDefsKeyPrefix(idPrefix);
    // Two decimals are far below a pixel and keep the page small.
    g2.setGeomDoubleConverter(Charts::twoDecimals);
    g2.setTransformDoubleConverter(Charts::twoDecimals);
    chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g2.getSVGElement(idPrefix + "svg");
  }

  private static String twoDecimals(double value) {
    return Double.toString(Math.round(value * 100.0) / 100.0);
  }
}
