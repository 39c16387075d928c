package org.ebmbench.gpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The processor's name (nd4j-native computes on it), from /proc/cpuinfo where there is one. */
final class ProcessorName {
  private ProcessorName() {}

  static String get() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      try (Stream<String> lines = Files.lines(cpuinfo)) {
        return lines
            .filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst()
            .orElse(System.getProperty("os.arch"));
      } catch (IOException | UncheckedIOException e) {
        // Fall through to the architecture.
      }
    }
    return System.getProperty("os.arch");
  }
}
