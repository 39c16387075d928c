package org.ebmbench.experiments.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private String[] listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void replacesTheFileAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("results.json");
    AtomicFiles.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
    AtomicFiles.write(target, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(target)).isEqualTo("second");
    assertThat(listing()).containsExactly("results.json");
  }

  @Test
  void aFailedWriteKeepsThePreviousFileIntact() throws IOException {
    Path target = dir.resolve("results.json");
    AtomicFiles.write(target, out -> out.write("complete".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("half of a new fi".getBytes(StandardCharsets.UTF_8));
                      throw new IllegalStateException("serialization failed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("serialization failed");
    assertThat(Files.readString(target)).isEqualTo("complete");
    assertThat(listing()).containsExactly("results.json");
  }

  @Test
  void aFailedFirstWriteLeavesNothing() throws IOException {
    Path target = dir.resolve("sub").resolve("results.json");
    assertThatThrownBy(
            () -> AtomicFiles.write(target, out -> {
              throw new IOException("disk full");
            }))
        .isInstanceOf(IOException.class);
    assertThat(Files.exists(target)).isFalse();
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).isEmpty();
    }
  }
}
