package org.ebmbench.experiments.picture;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.ebmbench.experiments.results.Picture;

/**
 * Pictures made from numbers: grids of grayscale tiles (samples, filters) and heatmaps
 * (densities). Values are row-major, row 0 at the top.
 */
public final class Rasters {
  /** Gray level of the one-pixel lines between tiles. */
  private static final int SEPARATOR_GRAY = 128;

  /** A perceptually ordered dark-blue to yellow ramp (viridis anchors), interpolated linearly. */
  private static final int[][] RAMP = {
    {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}
  };

  private Rasters() {}

  /** How tile values map to gray: one range for all tiles, or each tile stretched to its own. */
  public enum Scaling {
    /** Values in [0, 1] map to black..white (pixel probabilities, binary samples). */
    UNIT,
    /** Each tile's own minimum..maximum map to black..white (filters, whose scale varies). */
    PER_TILE
  }

  /**
   * Tiles of {@code tileWidth x tileHeight} pixels laid out {@code columns} per row, separated
   * by gray lines.
   *
   * @param tiles one row-major array of {@code tileWidth * tileHeight} values per tile
   */
  public static Picture tiles(
      String name, String caption, double[][] tiles, int tileWidth, int tileHeight, int columns,
      Scaling scaling) {
    if (tiles.length == 0 || columns <= 0) {
      throw new IllegalArgumentException(
          "picture '" + name + "': " + tiles.length + " tiles in " + columns + " columns");
    }
    int cols = Math.min(columns, tiles.length);
    int rows = (tiles.length + cols - 1) / cols;
    int width = cols * (tileWidth + 1) + 1;
    int height = rows * (tileHeight + 1) + 1;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, SEPARATOR_GRAY);
      }
    }
    for (int t = 0; t < tiles.length; t++) {
      double[] tile = tiles[t];
      if (tile.length != tileWidth * tileHeight) {
        throw new IllegalArgumentException(
            "picture '" + name + "': tile " + t + " has " + tile.length + " values, not "
                + tileWidth + "x" + tileHeight);
      }
      double low = 0;
      double high = 1;
      if (scaling == Scaling.PER_TILE) {
        low = Double.POSITIVE_INFINITY;
        high = Double.NEGATIVE_INFINITY;
        for (double v : tile) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
      int left = 1 + (t % cols) * (tileWidth + 1);
      int top = 1 + (t / cols) * (tileHeight + 1);
      for (int i = 0; i < tileHeight; i++) {
        for (int j = 0; j < tileWidth; j++) {
          double level = unit(tile[i * tileWidth + j], low, high);
          image.getRaster().setSample(left + j, top + i, 0, (int) Math.round(255 * level));
        }
      }
    }
    return Picture.ofPng(name, caption, width, height, png(image, name));
  }

  /**
   * A heatmap of {@code width x height} cells, coloured from the smallest value (dark blue) to
   * the largest (yellow) of {@code [low, high]}; values outside are clamped.
   */
  public static Picture heatmap(
      String name, String caption, double[] values, int width, int height, double low,
      double high) {
    if (values.length != width * height) {
      throw new IllegalArgumentException(
          "picture '" + name + "': " + values.length + " values for " + width + "x" + height);
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, ramp(unit(values[y * width + x], low, high)));
      }
    }
    return Picture.ofPng(name, caption, width, height, png(image, name));
  }

  /** {@code v} mapped from [low, high] to [0, 1], clamped; a flat range maps to 0.5. */
  private static double unit(double v, double low, double high) {
    if (!(high > low)) {
      return 0.5;
    }
    double u = (v - low) / (high - low);
    return Double.isNaN(u) ? 0 : Math.max(0, Math.min(1, u));
  }

  private static int ramp(double u) {
    double position = u * (RAMP.length - 1);
    int i = Math.min((int) position, RAMP.length - 2);
    double f = position - i;
    int rgb = 0;
    for (int c = 0; c < 3; c++) {
      int channel = (int) Math.round(RAMP[i][c] + f * (RAMP[i + 1][c] - RAMP[i][c]));
      rgb = (rgb << 8) | channel;
    }
    return rgb;
  }

  private static byte[] png(BufferedImage image, String name) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IllegalStateException("no PNG writer in this JVM for picture '" + name + "'");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode picture '" + name + "'", e);
    }
    return bytes.toByteArray();
  }
}
