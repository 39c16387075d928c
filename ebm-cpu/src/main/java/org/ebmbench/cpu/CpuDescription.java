package org.ebmbench.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the processor's name for provenance. */
final class CpuDescription {
  private CpuDescription() {}

  static String processorName() {
    return firstValue("model name").orElse(System.getProperty("os.arch"));
  }

  /** The value of the first /proc/cpuinfo line with this key. */
  private static Optional<String> firstValue(String key) {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
