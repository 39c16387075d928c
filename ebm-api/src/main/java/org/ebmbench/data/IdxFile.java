package org.ebmbench.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An array of unsigned bytes read from an IDX file, the layout of MNIST and Fashion-MNIST: bytes
 * 0-1 are zero, byte 2 is the element type (0x08, unsigned byte, is the only one these data sets
 * use and the only one read here), byte 3 the number of dimensions d, then d big-endian 32-bit
 * sizes, then the elements in row-major order. A file that starts with the gzip magic bytes is
 * decompressed first (the {@code .gz} files as distributed); byte offsets in error messages count
 * in the decompressed stream.
 */
public final class IdxFile {
  /** Type code of unsigned bytes. */
  private static final int UNSIGNED_BYTE = 0x08;

  private final Path file;
  private final int[] dimensions;

  /** The whole decompressed file; the elements start at {@code headerLength}. */
  private final byte[] bytes;

  private final int headerLength;

  private IdxFile(Path file, int[] dimensions, byte[] bytes, int headerLength) {
    this.file = file;
    this.dimensions = dimensions;
    this.bytes = bytes;
    this.headerLength = headerLength;
  }

  /**
   * Reads and checks a whole file.
   *
   * @throws InvalidDataException naming the file and the byte offset and field at fault, if the
   *     file is not a well-formed unsigned-byte IDX file (or a gzip stream of one)
   * @throws IOException if the file cannot be read
   */
  public static IdxFile read(Path file) throws IOException {
    return parse(file, Files.readAllBytes(file));
  }

  /**
   * Checks the bytes of a whole file already read (gzipped or not), for a caller that also needs
   * them for something else (a checksum) and should not read the file twice.
   *
   * @param file the file the bytes came from, for messages
   * @throws InvalidDataException as {@link #read} does
   */
  public static IdxFile parse(Path file, byte[] fileBytes) {
    byte[] bytes = contents(file, fileBytes);
    if (bytes.length < 4) {
      throw invalid(
          file, "the 4-byte header is cut short: the file has " + bytes.length + " bytes");
    }
    if (bytes[0] != 0 || bytes[1] != 0) {
      throw invalid(
          file,
          "bytes 0-1 (magic) must be 0x0000, got 0x%02X%02X"
              .formatted(bytes[0] & 0xff, bytes[1] & 0xff));
    }
    int type = bytes[2] & 0xff;
    if (type != UNSIGNED_BYTE) {
      throw invalid(
          file,
          "byte 2 (element type) is 0x%02X; only 0x08 (unsigned byte) is supported"
              .formatted(type));
    }
    int rank = bytes[3] & 0xff;
    if (rank < 1) {
      throw invalid(file, "byte 3 (number of dimensions) is 0");
    }
    int headerLength = 4 + 4 * rank;
    if (bytes.length < headerLength) {
      throw invalid(
          file,
          "the header of %d dimensions needs %d bytes, but the file has %d"
              .formatted(rank, headerLength, bytes.length));
    }
    int[] dimensions = new int[rank];
    long count = 1;
    for (int d = 0; d < rank; d++) {
      int offset = 4 + 4 * d;
      dimensions[d] =
          ((bytes[offset] & 0xff) << 24)
              | ((bytes[offset + 1] & 0xff) << 16)
              | ((bytes[offset + 2] & 0xff) << 8)
              | (bytes[offset + 3] & 0xff);
      if (dimensions[d] < 0) {
        throw invalid(
            file,
            "bytes %d-%d (size of dimension %d) are %d, a size must be >= 0"
                .formatted(offset, offset + 3, d, dimensions[d]));
      }
      try {
        count = Math.multiplyExact(count, dimensions[d]);
      } catch (ArithmeticException e) {
        throw invalid(
            file,
            "the sizes up to dimension %d (bytes 4-%d) overflow 2^63 elements"
                .formatted(d, offset + 3));
      }
    }
    long available = bytes.length - headerLength;
    if (count != available) {
      throw invalid(
          file,
          "the sizes %s promise %d elements from byte %d, but %s"
              .formatted(
                  Arrays.toString(dimensions),
                  count,
                  headerLength,
                  count > available
                      ? "the file ends at byte " + bytes.length
                      : "trailing data starts at byte " + (headerLength + count)));
    }
    return new IdxFile(file, dimensions, bytes, headerLength);
  }

  private static byte[] contents(Path file, byte[] fileBytes) {
    if (fileBytes.length >= 2 && fileBytes[0] == (byte) 0x1f && fileBytes[1] == (byte) 0x8b) {
      try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(fileBytes), 1 << 16)) {
        return gunzip.readAllBytes();
      } catch (ZipException | EOFException e) {
        throw invalid(file, "the gzip stream is corrupt: " + e.getMessage());
      } catch (IOException e) {
        // A stream over memory fails only on corrupt data.
        throw invalid(file, "the gzip stream cannot be read: " + e.getMessage());
      }
    }
    return fileBytes;
  }

  private static InvalidDataException invalid(Path file, String problem) {
    return new InvalidDataException("IDX file '" + file + "': " + problem);
  }

  /** The file this was read from. */
  public Path file() {
    return file;
  }

  /** The sizes of the dimensions, outermost first. */
  public int[] dimensions() {
    return dimensions.clone();
  }

  /** Element {@code index} (row-major) as an int in [0, 255]. */
  public int unsigned(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException(
          "element "
              + index
              + " is outside the "
              + size()
              + " elements of IDX file '"
              + file
              + "'");
    }
    return bytes[headerLength + index] & 0xff;
  }

  /** The number of elements. */
  public int size() {
    return bytes.length - headerLength;
  }
}
