package org.ebmbench.crf.conll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads the real CoNLL-2000 files when present (skipped, saying why, when they are not). */
class Conll2000ReaderTest {
  @Test
  void readsTheStandardSplitSizes() {
    Optional<Path> dir = Conll2000Files.locate();
    assumeTrue(dir.isPresent(), Conll2000Files.MISSING);
    // Token counts from the data set's README: 211727 training and 47377 test tokens.
    assertThat(tokens(ConllReader.read(dir.get().resolve("train.txt")))).isEqualTo(211727);
    assertThat(tokens(ConllReader.read(dir.get().resolve("test.txt")))).isEqualTo(47377);
  }

  private static int tokens(List<ConllSentence> sentences) {
    return sentences.stream().mapToInt(ConllSentence::length).sum();
  }
}
