package org.ebmbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImagesTest {
  @TempDir Path dir;

  /** Three 2 x 3 images with grey levels chosen around the 0.5 threshold (127.5). */
  private static final int[] PIXELS = {
    0, 127, 128, 255, 10, 200,
    255, 255, 0, 0, 128, 127,
    64, 191, 1, 254, 100, 150
  };

  @Test
  void plainAndGzippedFilesGiveTheSameThresholdedImages() throws IOException {
    Path plain = write("images-idx3-ubyte", idx(new int[] {3, 2, 3}, PIXELS), false);
    Path gzipped = write("images-idx3-ubyte.gz", idx(new int[] {3, 2, 3}, PIXELS), true);
    Dataset a = IdxImages.load(plain, Binarization.threshold(0.5), 100);
    Dataset b = IdxImages.load(gzipped, Binarization.threshold(0.5), 100);
    assertThat(a.rows()).isEqualTo(3);
    assertThat(a.cols()).isEqualTo(6);
    double[] expected = new double[PIXELS.length];
    for (int i = 0; i < PIXELS.length; i++) {
      expected[i] = PIXELS[i] >= 128 ? 1.0 : 0.0;
    }
    assertThat(a.values()).containsExactly(expected);
    assertThat(b.values()).containsExactly(expected);
    assertThat(a.name()).isEqualTo("images-idx3-ubyte threshold(0.5)");
  }

  @Test
  void limitKeepsTheFirstImages() throws IOException {
    Path file = write("images", idx(new int[] {3, 2, 3}, PIXELS), false);
    Dataset first = IdxImages.load(file, Binarization.threshold(0.5), 2);
    assertThat(first.rows()).isEqualTo(2);
    assertThat(first.values())
        .containsExactly(
            Arrays.copyOf(IdxImages.load(file, Binarization.threshold(0.5), 3).values(), 12));
  }

  @Test
  void stochasticBinarizationIsSeededAndHasTheRightMean() throws IOException {
    // 4000 pixels of grey level 64 (p = 0.251), 1000 of 0 and 1000 of 255.
    int[] pixels = new int[6000];
    Arrays.fill(pixels, 0, 4000, 64);
    Arrays.fill(pixels, 5000, 6000, 255);
    Path file = write("grey", idx(new int[] {6, 10, 100}, pixels), false);
    double[] v = IdxImages.load(file, Binarization.stochastic(7), 6).values();
    assertThat(v)
        .as("same seed, same images")
        .containsExactly(IdxImages.load(file, Binarization.stochastic(7), 6).values());
    assertThat(v).isNotEqualTo(IdxImages.load(file, Binarization.stochastic(8), 6).values());
    double p = 64 / 255.0;
    double mean = Arrays.stream(v, 0, 4000).average().orElseThrow();
    // 3.29 binomial standard errors: a two-sided 0.001 test at a fixed seed.
    assertThat(mean).isCloseTo(p, within(3.29 * Math.sqrt(p * (1 - p) / 4000)));
    assertThat(Arrays.copyOfRange(v, 4000, 5000)).containsOnly(0.0);
    assertThat(Arrays.copyOfRange(v, 5000, 6000)).containsOnly(1.0);
    assertThat(Binarization.stochastic(7).describe()).isEqualTo("stochastic(seed=7)");
  }

  @Test
  void labelFilesReadAsOneDimensionalArrays() throws IOException {
    Path file = write("labels.gz", idx(new int[] {4}, new int[] {7, 0, 9, 255}), true);
    IdxFile labels = IdxFile.read(file);
    assertThat(labels.dimensions()).containsExactly(4);
    assertThat(new int[] {labels.unsigned(0), labels.unsigned(2), labels.unsigned(3)})
        .containsExactly(7, 9, 255);
    assertThatThrownBy(() -> IdxImages.load(file, Binarization.threshold(0.5), 10))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("labels.gz")
        .hasMessageContaining("byte 3 (number of dimensions) is 1");
  }

  @Test
  void malformedHeadersNameTheFileTheByteAndTheField() throws IOException {
    byte[] good = idx(new int[] {3, 2, 3}, PIXELS);

    byte[] magic = good.clone();
    magic[1] = 0x12;
    assertError(magic, "bytes 0-1 (magic) must be 0x0000, got 0x0012");

    byte[] type = good.clone();
    type[2] = 0x0D;
    assertError(type, "byte 2 (element type) is 0x0D; only 0x08 (unsigned byte) is supported");

    byte[] rank = good.clone();
    rank[3] = 0;
    assertError(rank, "byte 3 (number of dimensions) is 0");

    byte[] negative = good.clone();
    negative[8] = (byte) 0x80;
    assertError(negative, "bytes 8-11 (size of dimension 1) are -2147483646, a size must be >= 0");

    assertError(
        Arrays.copyOf(good, 10), "the header of 3 dimensions needs 16 bytes, but the file has 10");
    assertError(Arrays.copyOf(good, 3), "the 4-byte header is cut short: the file has 3 bytes");
    assertError(
        Arrays.copyOf(good, good.length - 1),
        "the sizes [3, 2, 3] promise 18 elements from byte 16, but the file ends at byte 33");
    assertError(
        Arrays.copyOf(good, good.length + 2),
        "the sizes [3, 2, 3] promise 18 elements from byte 16, but trailing data starts at byte"
            + " 34");
  }

  @Test
  void corruptGzipAndMissingFilesAreNamed() throws IOException {
    byte[] gz = gzip(idx(new int[] {3, 2, 3}, PIXELS));
    Path truncated = dir.resolve("cut.gz");
    Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> IdxFile.read(truncated))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("IDX file '" + truncated + "': the gzip stream is corrupt");
    Path missing = dir.resolve("missing-idx3-ubyte");
    assertThatThrownBy(() -> IdxImages.load(missing, Binarization.threshold(0.5), 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing-idx3-ubyte");
  }

  @Test
  void invalidArgumentsAreNamed() throws IOException {
    assertThatThrownBy(() -> Binarization.threshold(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1.0");
    Path file = write("images", idx(new int[] {3, 2, 3}, PIXELS), false);
    assertThatThrownBy(() -> IdxImages.load(file, Binarization.threshold(0.5), 0))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("got 0");
  }

  private void assertError(byte[] contents, String problem) throws IOException {
    Path file = write("bad-idx3-ubyte", contents, false);
    assertThatThrownBy(() -> IdxFile.read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("IDX file '" + file + "': " + problem);
  }

  /** An unsigned-byte IDX file with the given sizes and elements. */
  private static byte[] idx(int[] dims, int[] elements) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + elements.length);
    buffer.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
    for (int d : dims) {
      buffer.putInt(d);
    }
    for (int e : elements) {
      buffer.put((byte) e);
    }
    return buffer.array();
  }

  private Path write(String name, byte[] contents, boolean gzipped) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, gzipped ? gzip(contents) : contents);
    return file;
  }

  private static byte[] gzip(byte[] contents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(contents);
    }
    return bytes.toByteArray();
  }
}
