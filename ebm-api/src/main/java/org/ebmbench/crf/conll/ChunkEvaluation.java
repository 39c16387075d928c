package org.ebmbench.crf.conll;

import java.util.List;

/**
 * Chunk precision, recall and F1 and token accuracy, counted exactly as the CoNLL-2000 script
 * conlleval counts them for IOB tags: a chunk starts at B-X, at I-X after O, or where the type
 * changes; it ends before such a start or before O; a sentence boundary ends every chunk. A
 * guessed chunk is correct when it starts and ends at the same tokens as a gold chunk of the same
 * type. A token is correct when its prefix (B, I or O) and type both match.
 *
 * @param correctChunks guessed chunks that match a gold chunk
 * @param guessedChunks chunks in the guesses
 * @param goldChunks chunks in the gold tags
 * @param correctTokens tokens whose tag matches
 * @param tokens all tokens
 */
public record ChunkEvaluation(
    int correctChunks, int guessedChunks, int goldChunks, int correctTokens, int tokens) {

  /** Scores {@code guessed} against {@code gold}: one tag array per sentence, equal lengths. */
  public static ChunkEvaluation of(List<String[]> gold, List<String[]> guessed) {
    if (gold.size() != guessed.size()) {
      throw new IllegalArgumentException(
          "chunk evaluation: " + gold.size() + " gold sentences, " + guessed.size() + " guessed");
    }
    Counter counter = new Counter();
    for (int s = 0; s < gold.size(); s++) {
      String[] g = gold.get(s);
      String[] p = guessed.get(s);
      if (g.length != p.length) {
        throw new IllegalArgumentException(
            "chunk evaluation: sentence " + s + " has " + g.length + " gold tags, " + p.length
                + " guessed");
      }
      for (int t = 0; t < g.length; t++) {
        checkTag(g[t], "gold", s, t);
        checkTag(p[t], "guessed", s, t);
        counter.token(g[t], p[t], true);
      }
      counter.token("O", "O", false);
    }
    counter.finish();
    return new ChunkEvaluation(
        counter.correctChunks,
        counter.guessedChunks,
        counter.goldChunks,
        counter.correctTokens,
        counter.tokens);
  }

  private static void checkTag(String tag, String side, int sentence, int token) {
    if (!ConllReader.isChunkTag(tag)) {
      throw new IllegalArgumentException(
          "chunk evaluation: "
              + side
              + " tag '"
              + tag
              + "' at sentence "
              + sentence
              + ", token "
              + token
              + " is not O, B-TYPE or I-TYPE");
    }
  }

  /** Precision in percent (0 when nothing was guessed, as conlleval). */
  public double precision() {
    return guessedChunks == 0 ? 0 : 100.0 * correctChunks / guessedChunks;
  }

  /** Recall in percent (0 when there is no gold chunk, as conlleval). */
  public double recall() {
    return goldChunks == 0 ? 0 : 100.0 * correctChunks / goldChunks;
  }

  /** F1 in percent, the harmonic mean of precision and recall (0 when both are 0). */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** Token accuracy in percent. */
  public double accuracy() {
    return tokens == 0 ? 0 : 100.0 * correctTokens / tokens;
  }

  /** conlleval's state machine over one stream of tokens. */
  private static final class Counter {
    int correctChunks;
    int guessedChunks;
    int goldChunks;
    int correctTokens;
    int tokens;
    private boolean inCorrect;
    private String lastGold = "O";
    private String lastGuess = "O";
    private String lastGoldType = "";
    private String lastGuessType = "";

    void token(String goldTag, String guessTag, boolean counts) {
      String gold = prefix(goldTag);
      String guess = prefix(guessTag);
      String goldType = type(goldTag);
      String guessType = type(guessTag);
      boolean goldEnds = endsChunk(lastGold, gold, lastGoldType, goldType);
      boolean guessEnds = endsChunk(lastGuess, guess, lastGuessType, guessType);
      if (inCorrect) {
        if (goldEnds && guessEnds && lastGuessType.equals(lastGoldType)) {
          inCorrect = false;
          correctChunks++;
        } else if (goldEnds != guessEnds || !guessType.equals(goldType)) {
          inCorrect = false;
        }
      }
      boolean goldStarts = startsChunk(lastGold, gold, lastGoldType, goldType);
      boolean guessStarts = startsChunk(lastGuess, guess, lastGuessType, guessType);
      if (goldStarts && guessStarts && guessType.equals(goldType)) {
        inCorrect = true;
      }
      if (goldStarts) {
        goldChunks++;
      }
      if (guessStarts) {
        guessedChunks++;
      }
      if (counts) {
        if (gold.equals(guess) && goldType.equals(guessType)) {
          correctTokens++;
        }
        tokens++;
      }
      lastGold = gold;
      lastGuess = guess;
      lastGoldType = goldType;
      lastGuessType = guessType;
    }

    void finish() {
      if (inCorrect) {
        correctChunks++;
        inCorrect = false;
      }
    }

    private static String prefix(String tag) {
      return tag.equals("O") ? "O" : tag.substring(0, 1);
    }

    private static String type(String tag) {
      return tag.equals("O") ? "" : tag.substring(2);
    }

    /** A chunk ended between the previous token and this one. */
    private static boolean endsChunk(String prev, String tag, String prevType, String type) {
      if (prev.equals("O")) {
        return false;
      }
      return tag.equals("B") || tag.equals("O") || !prevType.equals(type);
    }

    /** A chunk starts at this token. */
    private static boolean startsChunk(String prev, String tag, String prevType, String type) {
      if (tag.equals("O")) {
        return false;
      }
      return tag.equals("B") || prev.equals("O") || !prevType.equals(type);
    }
  }
}
