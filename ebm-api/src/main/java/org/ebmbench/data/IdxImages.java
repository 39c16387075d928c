package org.ebmbench.data;

import java.io.IOException;
import java.nio.file.Path;
import org.ebmbench.model.Domain;

/** Loads the images of an IDX image file (count x rows x cols) as a binary data set. */
public final class IdxImages {
  private IdxImages() {}

  /**
   * The first {@code limit} images of {@code file} (all of them if it holds fewer), binarized, one
   * image per row with pixel (r, c) in column r * cols + c.
   *
   * @throws InvalidDataException naming the file if it is not a 3-dimensional unsigned-byte IDX
   *     file (see {@link IdxFile}), or if {@code limit} is below 1
   * @throws IOException if the file cannot be read
   */
  public static Dataset load(Path file, Binarization binarization, int limit) throws IOException {
    return load(IdxFile.read(file), binarization, limit);
  }

  /**
   * As {@link #load(Path, Binarization, int)}, from a file already read.
   *
   * @throws InvalidDataException as there
   */
  public static Dataset load(IdxFile idx, Binarization binarization, int limit) {
    if (limit < 1) {
      throw new InvalidDataException("IDX image limit must be >= 1, got " + limit);
    }
    Path file = idx.file();
    int[] dims = idx.dimensions();
    if (dims.length != 3) {
      throw new InvalidDataException(
          "IDX file '%s': byte 3 (number of dimensions) is %d; images need 3 (count, rows, cols)"
              .formatted(file, dims.length));
    }
    int count = Math.min(dims[0], limit);
    if (count == 0) {
      throw new InvalidDataException("IDX file '" + file + "' holds no images");
    }
    int pixels = dims[1] * dims[2];
    double[] values = new double[count * pixels];
    binarization.binarize(idx, values);
    String name = file.getFileName() + " " + binarization.describe();
    return Dataset.of(name, count, pixels, values, Domain.BINARY);
  }
}
