package org.ebmbench.crf.conll;

import org.ebmbench.data.InvalidDataException;

/**
 * One sentence of CoNLL-2000 chunking data: per token its word, part-of-speech tag and chunk tag
 * (IOB2: {@code B-TYPE}, {@code I-TYPE} or {@code O}).
 */
public record ConllSentence(String[] words, String[] posTags, String[] chunkTags) {
  /** Checks that the three columns have the same, non-zero length (and copies them). */
  public ConllSentence {
    if (words.length == 0 || posTags.length != words.length || chunkTags.length != words.length) {
      throw new InvalidDataException(
          "CoNLL sentence: needs equal, non-zero column lengths, got "
              + words.length
              + " words, "
              + posTags.length
              + " POS tags, "
              + chunkTags.length
              + " chunk tags");
    }
    words = words.clone();
    posTags = posTags.clone();
    chunkTags = chunkTags.clone();
  }

  /** Number of tokens. */
  public int length() {
    return words.length;
  }
}
