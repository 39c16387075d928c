package org.ebmbench.experiments.suite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where an experiment's data comes from: exactly one of
 *
 * <ul>
 *   <li>drawn exactly from the true model: {@code {train: 5000, test: 2000}};
 *   <li>a CSV file of the user's: {@code {file: spins.csv, testRows: 500, header: true}} (a
 *       relative path is relative to the suite file); there is no true model, so the metrics that
 *       need one are skipped;
 *   <li>the distinct bars-and-stripes patterns of a size x size grid: {@code {barsAndStripes: 4}};
 *   <li>the distinct shifting-bars patterns, one cyclic bar on a strip: {@code {shiftingBars: 10,
 *       barLength: 3}};
 *   <li>binarized images of an IDX file (MNIST layout): {@code {idx: train-images-idx3-ubyte.gz,
 *       rows: 1000, testRows: 500, threshold: 0.5}}, or {@code binarizeSeed: 1} for stochastic
 *       binarization;
 *   <li>draws from a named density of the neural family: {@code {density: 8gaussians, train:
 *       20000, test: 5000}} (the 2-D toy densities, or {@code mixtureD} for the d-dimensional
 *       Gaussian mixture, for example {@code mixture32}).
 * </ul>
 *
 * Which sources a family accepts is the family's decision.
 *
 * @param train rows drawn for training (exact data only)
 * @param test rows drawn for held-out evaluation (exact data only)
 * @param file a CSV file: one example per line, comma-separated numbers, '#' comments
 * @param testRows how many of the file's last rows are held out (default: a fifth, at least one)
 * @param header whether the file's first line is a header to skip (default false)
 * @param sha256 the SHA-256 of the file's bytes: optional in a suite (then checked), always
 *     filled in once the file has been read, and part of the cell key instead of the path
 * @param barsAndStripes the grid side of the bars-and-stripes patterns
 * @param shiftingBars the strip width of the shifting-bars patterns
 * @param barLength the bar length of the shifting-bars patterns (default 3)
 * @param idx an IDX image file, gzipped or not
 * @param rows how many of the IDX file's first images to train on
 * @param threshold an IDX pixel is 1 when its grey level / 255 exceeds this (default 0.5)
 * @param binarizeSeed instead of a threshold, an IDX pixel is 1 with probability grey / 255,
 *     drawn with this seed
 * @param density the name of a known density to draw train and test rows from exactly
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSpec(
    Integer train,
    Integer test,
    String file,
    Integer testRows,
    Boolean header,
    String sha256,
    Integer barsAndStripes,
    Integer shiftingBars,
    Integer barLength,
    String idx,
    Integer rows,
    Double threshold,
    Long binarizeSeed,
    String density) {

  /** The most rows a suite may ask to draw, to keep a typo from filling memory. */
  public static final int MAX_ROWS = 10_000_000;

  public DataSpec {
    if (file != null && header == null) {
      header = false;
    }
    if (shiftingBars != null && barLength == null) {
      barLength = 3;
    }
    if (idx != null && threshold == null && binarizeSeed == null) {
      threshold = 0.5;
    }
  }

  /** Data drawn from the true model. */
  public static DataSpec drawn(int train, int test) {
    return new DataSpec(
        train, test, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A CSV file, with its hash. */
  public static DataSpec csv(String file, int testRows, boolean header, String sha256) {
    return new DataSpec(
        null, null, file, testRows, header, sha256, null, null, null, null, null, null, null,
        null);
  }

  /** Whether the data are the bars-and-stripes patterns. */
  @JsonIgnore
  public boolean barsAndStripesPatterns() {
    return barsAndStripes != null;
  }

  /** Whether the data are the shifting-bars patterns. */
  @JsonIgnore
  public boolean shiftingBarsPatterns() {
    return shiftingBars != null;
  }

  /** Whether the data are images of an IDX file. */
  @JsonIgnore
  public boolean fromIdx() {
    return idx != null;
  }

  /** Draws from a named density. */
  public static DataSpec fromDensity(String density, int train, int test) {
    return new DataSpec(
        train, test, null, null, null, null, null, null, null, null, null, null, null, density);
  }

  /** Whether the data are drawn from a named density. */
  @JsonIgnore
  public boolean fromDensity() {
    return density != null;
  }

  /** Whether the data are drawn from the true model. */
  @JsonIgnore
  public boolean drawnFromModel() {
    return file == null && barsAndStripes == null && shiftingBars == null && idx == null
        && density == null;
  }

  /** Whether the data comes from a user file rather than from the true model. */
  @JsonIgnore
  public boolean fromFile() {
    return file != null;
  }

  /** This spec with the file's hash and the number of held-out rows filled in. */
  public DataSpec withResolvedFile(String hash, int resolvedTestRows) {
    return new DataSpec(
        train, test, file, resolvedTestRows, header, hash, barsAndStripes, shiftingBars, barLength,
        idx, rows, threshold, binarizeSeed, density);
  }

  /** Checks that exactly one source is given and its sizes are sane. */
  public void validate(FieldPath path) {
    int sources =
        (file != null ? 1 : 0) + (barsAndStripes != null ? 1 : 0) + (shiftingBars != null ? 1 : 0)
            + (idx != null ? 1 : 0) + (train != null || test != null ? 1 : 0);
    if (density != null) {
      if (file != null || barsAndStripes != null || shiftingBars != null || barLength != null
          || idx != null || testRows != null
          || header != null || sha256 != null || rows != null || threshold != null
          || binarizeSeed != null) {
        throw new InvalidSpecException(path, "a density takes only train and test sizes");
      }
      if (density.isBlank()) {
        throw new InvalidSpecException(path.field("density"), "must not be empty");
      }
      Check.between(path.field("train"), train, 1, MAX_ROWS);
      Check.between(path.field("test"), test, 1, MAX_ROWS);
      return;
    }
    if (sources > 1 && (barsAndStripes != null || shiftingBars != null || idx != null)) {
      throw new InvalidSpecException(
          path, "give one source: train/test sizes, file, barsAndStripes, shiftingBars or idx");
    }
    if (shiftingBars == null && barLength != null) {
      throw new InvalidSpecException(path.field("barLength"), "applies to shiftingBars");
    }
    if (file == null && idx == null && (rows != null || threshold != null || binarizeSeed != null)) {
      throw new InvalidSpecException(path, "rows, threshold and binarizeSeed apply to idx images");
    }
    if (barsAndStripes != null) {
      if (testRows != null || header != null || sha256 != null) {
        throw new InvalidSpecException(
            path, "testRows, header and sha256 apply to files; barsAndStripes takes only its size");
      }
      Check.between(path.field("barsAndStripes"), barsAndStripes, 2, 8);
    } else if (shiftingBars != null) {
      if (testRows != null || header != null || sha256 != null) {
        throw new InvalidSpecException(
            path, "testRows, header and sha256 apply to files; shiftingBars takes a width and barLength");
      }
      int width = Check.between(path.field("shiftingBars"), shiftingBars, 2, 24);
      Check.between(path.field("barLength"), barLength, 1, width - 1);
    } else if (idx != null) {
      if (idx.isBlank()) {
        throw new InvalidSpecException(path.field("idx"), "must not be empty");
      }
      if (header != null) {
        throw new InvalidSpecException(path.field("header"), "applies to CSV files, not idx images");
      }
      if (threshold != null && binarizeSeed != null) {
        throw new InvalidSpecException(path, "give threshold or binarizeSeed, not both");
      }
      Check.between(path.field("rows"), rows, 1, MAX_ROWS);
      Check.between(path.field("testRows"), testRows, 1, MAX_ROWS);
      if (threshold != null) {
        Check.between(path.field("threshold"), threshold, 0.0, 0.999);
      }
    } else if (file != null) {
      if (train != null || test != null) {
        throw new InvalidSpecException(
            path, "give either train/test sizes or a file, not both");
      }
      if (file.isBlank()) {
        throw new InvalidSpecException(path.field("file"), "must not be empty");
      }
      if (testRows != null) {
        Check.between(path.field("testRows"), testRows, 1, MAX_ROWS);
      }
    } else {
      if (testRows != null || header != null || sha256 != null) {
        throw new InvalidSpecException(
            path, "testRows, header and sha256 apply to a file; drawn data takes train and test");
      }
      if (train == null && test == null) {
        throw new InvalidSpecException(
            path, "give train and test sizes (drawn from the true model), a file, barsAndStripes or idx");
      }
      Check.between(path.field("train"), train, 1, MAX_ROWS);
      Check.between(path.field("test"), test, 1, MAX_ROWS);
    }
  }
}
