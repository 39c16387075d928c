package org.ebmbench.experiments.results;

import java.util.Base64;

/**
 * A small image attached to a cell's result: a PNG, base64-encoded so that results.json and the
 * report stay single self-contained files. Pictures are meant for the eye (a grid of samples,
 * filters, a density heatmap); keep them to tens of kilobytes.
 *
 * @param name short identifier, unique within the cell, for example "samples"
 * @param caption what the picture shows, for a reader of the report
 * @param width pixels
 * @param height pixels
 * @param png the PNG file, base64
 */
public record Picture(String name, String caption, int width, int height, String png) {
  public Picture {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a picture needs a name");
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "picture '" + name + "' has size " + width + "x" + height);
    }
    if (png == null || png.isEmpty()) {
      throw new IllegalArgumentException("picture '" + name + "' has no PNG data");
    }
  }

  /** A picture from PNG bytes. */
  public static Picture ofPng(String name, String caption, int width, int height, byte[] png) {
    return new Picture(name, caption, width, height, Base64.getEncoder().encodeToString(png));
  }

  /** The picture as a data URI, for an {@code <img src>}. */
  public String dataUri() {
    return "data:image/png;base64," + png;
  }
}
