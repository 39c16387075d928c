package org.ebmbench.crf.conll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** conlleval's counts on a hand-made case whose chunks are counted below by hand. */
class ChunkEvaluationTest {
  @Test
  void countsChunksAsConllevalDoes() {
    // Sentence 1, tokens 1..7:
    //   gold  NP[1-2] VP[3] NP[4-5] O PP[7]           -> 4 gold chunks
    //   guess NP[1-2] VP[3] NP[4] NP[5] O NP[7]       -> 5 guessed chunks
    //   matching: NP[1-2], VP[3]                        -> 2 correct; tokens 5 and 7 differ
    List<String> gold1 = List.of("B-NP", "I-NP", "B-VP", "B-NP", "I-NP", "O", "B-PP");
    List<String> guess1 = List.of("B-NP", "I-NP", "B-VP", "B-NP", "B-NP", "O", "B-NP");
    // Sentence 2: an I-NP after O starts a chunk (in both), and the sentence end closes it:
    //   gold = guess = O NP[2-3]                        -> 1 gold, 1 guessed, 1 correct
    List<String> gold2 = List.of("O", "I-NP", "I-NP");
    List<String> guess2 = List.of("O", "I-NP", "I-NP");
    ChunkEvaluation e =
        ChunkEvaluation.of(
            List.of(gold1.toArray(String[]::new), gold2.toArray(String[]::new)),
            List.of(guess1.toArray(String[]::new), guess2.toArray(String[]::new)));
    assertThat(e).isEqualTo(new ChunkEvaluation(3, 6, 5, 8, 10));
    // Exact ratios of small integers: only the last bit of a double can differ.
    assertThat(e.precision()).isCloseTo(50.0, within(1e-12));
    assertThat(e.recall()).isCloseTo(60.0, within(1e-12));
    assertThat(e.f1()).isCloseTo(2 * 50.0 * 60.0 / 110.0, within(1e-12));
    assertThat(e.accuracy()).isCloseTo(80.0, within(1e-12));
  }

  @Test
  void aChunkRunningToTheSentenceEndIsClosedThere() {
    // Gold NP[2-3] | NP[1]: the boundary separates them even though the next sentence starts I-NP.
    ChunkEvaluation e =
        ChunkEvaluation.of(
            List.of(new String[] {"O", "B-NP", "I-NP"}, new String[] {"I-NP"}),
            List.of(new String[] {"O", "B-NP", "I-NP"}, new String[] {"I-NP"}));
    assertThat(e).isEqualTo(new ChunkEvaluation(2, 2, 2, 4, 4));
  }

  @Test
  void rejectsTagsThatAreNotIob() {
    assertThatThrownBy(
            () ->
                ChunkEvaluation.of(
                    List.<String[]>of(new String[] {"B-NP", "NP"}),
                    List.<String[]>of(new String[] {"B-NP", "I-NP"})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gold tag 'NP' at sentence 0, token 1");
  }

  @Test
  void typeChangeInsideIStartsANewChunk() {
    // I-NP I-VP: two chunks; the guess I-NP I-NP is one NP chunk spanning both: no match.
    ChunkEvaluation e =
        ChunkEvaluation.of(
            List.<String[]>of(new String[] {"B-NP", "I-VP"}),
            List.<String[]>of(new String[] {"B-NP", "I-NP"}));
    assertThat(e).isEqualTo(new ChunkEvaluation(0, 1, 2, 1, 2));
  }
}
