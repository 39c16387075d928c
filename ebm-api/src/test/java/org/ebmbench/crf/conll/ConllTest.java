package org.ebmbench.crf.conll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebmbench.data.InvalidDataException;
import org.ebmbench.optim.Lbfgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader, the feature templates, the frozen alphabet and a tiny end-to-end training. */
class ConllTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsSentencesSeparatedByBlankLines() throws IOException {
    Path file = write("ok.txt", "He PRP B-NP\nran VBD B-VP\n\n\nDogs NNS B-NP\nbark VBP B-VP\n");
    List<ConllSentence> sentences = ConllReader.read(file);
    assertThat(sentences).hasSize(2);
    assertThat(sentences.get(0).words()).containsExactly("He", "ran");
    assertThat(sentences.get(1).posTags()).containsExactly("NNS", "VBP");
    assertThat(sentences.get(1).chunkTags()).containsExactly("B-NP", "B-VP");
  }

  @Test
  void errorsNameTheFileAndLine() throws IOException {
    Path columns = write("columns.txt", "He PRP B-NP\n\nran VBD\n");
    assertThatThrownBy(() -> ConllReader.read(columns))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("columns.txt:3:")
        .hasMessageContaining("expected 3 columns");
    Path tag = write("tag.txt", "He PRP B-NP\nran VBD VP\n");
    assertThatThrownBy(() -> ConllReader.read(tag))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("tag.txt:2:")
        .hasMessageContaining("'VP'");
  }

  @Test
  void templatesFollowCrfPlusPlusWithPadding() {
    ConllSentence s =
        new ConllSentence(
            new String[] {"He", "ran"}, new String[] {"PRP", "VBD"}, new String[] {"B-NP", "B-VP"});
    List<String> first = ChunkFeatures.attributes(s).get(0);
    assertThat(first)
        .containsExactly(
            "U00=_B-2", "U01=_B-1", "U02=He", "U03=ran", "U04=_B+1",
            "U05=_B-1|He", "U06=He|ran",
            "U10=_B-2", "U11=_B-1", "U12=PRP", "U13=VBD", "U14=_B+1",
            "U15=_B-2|_B-1", "U16=_B-1|PRP", "U17=PRP|VBD", "U18=VBD|_B+1",
            "U20=_B-2|_B-1|PRP", "U21=_B-1|PRP|VBD", "U22=PRP|VBD|_B+1");
  }

  private static ConllSentence sentence(String text) {
    String[] tokens = text.split(" ");
    String[] w = new String[tokens.length];
    String[] p = new String[tokens.length];
    String[] c = new String[tokens.length];
    for (int t = 0; t < tokens.length; t++) {
      String[] parts = tokens[t].split("/");
      w[t] = parts[0];
      p[t] = parts[1];
      c[t] = parts[2];
    }
    return new ConllSentence(w, p, c);
  }

  /** Unknown words at tagging time are ignored: neither alphabet grows. */
  @Test
  void taggingNeverGrowsTheAlphabet() {
    List<ConllSentence> train =
        List.of(
            sentence("The/DT/B-NP dog/NN/I-NP barks/VBZ/B-VP"),
            sentence("A/DT/B-NP cat/NN/I-NP sleeps/VBZ/B-VP ./././O"),
            sentence("Dogs/NNS/B-NP bark/VBP/B-VP at/IN/B-PP cats/NNS/B-NP"));
    ChunkTagger tagger =
        ChunkTagger.train(
            train, new ChunkTagger.Config(0.1, 2, 1, new Lbfgs(5, 200, 1e-6, 10, 1e-9)),
            (i, v, x, e) -> {});
    int attributes = tagger.attributes().size();
    int labels = tagger.labels().size();
    assertThat(tagger.attributes().isFrozen()).isTrue();
    ConllSentence unseen = sentence("The/DT/B-NP zebra/NN/I-NP yodels/VBZ/B-VP loudly/RB/B-ADVP");
    String[] tags = tagger.tag(unseen);
    assertThat(tagger.attributes().size()).isEqualTo(attributes);
    assertThat(tagger.labels().size()).isEqualTo(labels);
    assertThat(tagger.attributes().id("U02=zebra")).isEqualTo(-1);
    // The training data fit: the tagger reproduces them; the seen pattern DT NN VBZ carries over.
    for (ConllSentence s : train) {
      assertThat(tagger.tag(s)).containsExactly(s.chunkTags());
    }
    assertThat(tags).startsWith("B-NP", "I-NP", "B-VP");
  }
}
