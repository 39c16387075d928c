package org.ebmbench.crf.conll;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.crf.LabeledSequence;
import org.ebmbench.crf.Sequence;

/**
 * CoNLL training sentences encoded for a chain CRF: the attribute and label alphabets, built
 * from the training sentences and then frozen, and the sentences as labeled attribute-id
 * sequences.
 */
public final class ChunkCorpus {
  private final Alphabet attributes = new Alphabet();
  private final Alphabet labels = new Alphabet();
  private final List<LabeledSequence> training;

  /** Builds and freezes the alphabets from {@code sentences} and encodes them. */
  public ChunkCorpus(List<ConllSentence> sentences) {
    List<Sequence> encoded = new ArrayList<>(sentences.size());
    for (ConllSentence sentence : sentences) {
      encoded.add(ChunkFeatures.encode(sentence, attributes));
      for (String tag : sentence.chunkTags()) {
        labels.idOrAdd(tag);
      }
    }
    attributes.freeze();
    labels.freeze();
    List<LabeledSequence> data = new ArrayList<>(sentences.size());
    for (int n = 0; n < sentences.size(); n++) {
      data.add(new LabeledSequence(encoded.get(n), labelIds(sentences.get(n))));
    }
    training = List.copyOf(data);
  }

  private int[] labelIds(ConllSentence sentence) {
    String[] tags = sentence.chunkTags();
    int[] y = new int[tags.length];
    for (int t = 0; t < tags.length; t++) {
      y[t] = labels.id(tags[t]);
    }
    return y;
  }

  /**
   * Held-out sentences encoded with the frozen alphabets (unseen attributes dropped); sentences
   * with a chunk tag never seen in training are left out, as their probability is zero.
   */
  public List<LabeledSequence> encodeHeldOut(List<ConllSentence> sentences) {
    List<LabeledSequence> result = new ArrayList<>(sentences.size());
    for (ConllSentence sentence : sentences) {
      int[] y = labelIds(sentence);
      if (java.util.Arrays.stream(y).allMatch(id -> id >= 0)) {
        result.add(new LabeledSequence(ChunkFeatures.encode(sentence, attributes), y));
      }
    }
    return result;
  }

  /** The training sentences as labeled sequences. */
  public List<LabeledSequence> training() {
    return training;
  }

  /** The frozen attribute alphabet. */
  public Alphabet attributes() {
    return attributes;
  }

  /** The frozen label alphabet. */
  public Alphabet labels() {
    return labels;
  }
}
