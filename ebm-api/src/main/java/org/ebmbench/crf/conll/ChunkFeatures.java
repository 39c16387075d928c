package org.ebmbench.crf.conll;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.crf.Sequence;

/**
 * The chunking feature templates of CRF++'s CoNLL-2000 example (the template CRFsuite's benchmark
 * reproduces), 19 attributes per token, w = word, p = POS tag, offsets relative to the token:
 *
 * <pre>
 *   U00..U04  w[-2], w[-1], w[0], w[1], w[2]
 *   U05, U06  w[-1]|w[0], w[0]|w[1]
 *   U10..U14  p[-2], p[-1], p[0], p[1], p[2]
 *   U15..U18  p[-2]|p[-1], p[-1]|p[0], p[0]|p[1], p[1]|p[2]
 *   U20..U22  p[-2]|p[-1]|p[0], p[-1]|p[0]|p[1], p[0]|p[1]|p[2]
 * </pre>
 *
 * Positions outside the sentence read as CRF++'s padding symbols {@code _B-1}, {@code _B-2}
 * (before) and {@code _B+1}, {@code _B+2} (after). Each attribute is conjoined with the label by the
 * CRF's emission matrix, and CRF++'s bigram template {@code B} is the transition matrix.
 */
public final class ChunkFeatures {
  private ChunkFeatures() {}

  /** The attribute strings firing at each token. */
  public static List<List<String>> attributes(ConllSentence sentence) {
    String[] w = sentence.words();
    String[] p = sentence.posTags();
    List<List<String>> result = new ArrayList<>(w.length);
    for (int t = 0; t < w.length; t++) {
      List<String> a = new ArrayList<>(19);
      for (int d = -2; d <= 2; d++) {
        a.add("U0" + (d + 2) + "=" + at(w, t + d));
      }
      a.add("U05=" + at(w, t - 1) + "|" + at(w, t));
      a.add("U06=" + at(w, t) + "|" + at(w, t + 1));
      for (int d = -2; d <= 2; d++) {
        a.add("U1" + (d + 2) + "=" + at(p, t + d));
      }
      for (int d = -2; d <= 1; d++) {
        a.add("U1" + (d + 7) + "=" + at(p, t + d) + "|" + at(p, t + d + 1));
      }
      for (int d = -2; d <= 0; d++) {
        String trigram = at(p, t + d) + "|" + at(p, t + d + 1) + "|" + at(p, t + d + 2);
        a.add("U2" + (d + 2) + "=" + trigram);
      }
      result.add(a);
    }
    return result;
  }

  private static String at(String[] column, int t) {
    if (t < 0) {
      return "_B" + t;
    }
    if (t >= column.length) {
      return "_B+" + (t - column.length + 1);
    }
    return column[t];
  }

  /**
   * The sentence as attribute ids: unseen attributes are added while {@code alphabet} is open and
   * dropped (never added) once it is frozen.
   */
  public static Sequence encode(ConllSentence sentence, Alphabet alphabet) {
    List<List<String>> attributes = attributes(sentence);
    int[][] ids = new int[attributes.size()][];
    for (int t = 0; t < ids.length; t++) {
      int[] row = new int[attributes.get(t).size()];
      int count = 0;
      for (String name : attributes.get(t)) {
        int id = alphabet.idOrAdd(name);
        if (id >= 0) {
          row[count++] = id;
        }
      }
      ids[t] = java.util.Arrays.copyOf(row, count);
    }
    return new Sequence(ids);
  }
}
