package org.ebmbench.crf.conll;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebmbench.data.InvalidDataException;

/**
 * Reads CoNLL-2000 chunking files: one token per line as {@code WORD POS CHUNK} separated by
 * whitespace, a blank line between sentences. Errors name the file and the line.
 */
public final class ConllReader {
  private ConllReader() {}

  /** All sentences of {@code file}, in order. */
  public static List<ConllSentence> read(Path file) {
    List<ConllSentence> sentences = new ArrayList<>();
    List<String[]> tokens = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
          flush(tokens, sentences);
          continue;
        }
        String[] columns = trimmed.split("\\s+");
        if (columns.length != 3) {
          throw new InvalidDataException(
              file
                  + ":"
                  + number
                  + ": expected 3 columns WORD POS CHUNK, got "
                  + columns.length
                  + " in '"
                  + trimmed
                  + "'");
        }
        if (!isChunkTag(columns[2])) {
          throw new InvalidDataException(
              file + ":" + number + ": chunk tag '" + columns[2] + "' is not O, B-TYPE or I-TYPE");
        }
        tokens.add(columns);
      }
      flush(tokens, sentences);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CoNLL file " + file + ": " + e.getMessage(), e);
    }
    return sentences;
  }

  static boolean isChunkTag(String tag) {
    return tag.equals("O") || (tag.length() > 2 && (tag.startsWith("B-") || tag.startsWith("I-")));
  }

  private static void flush(List<String[]> tokens, List<ConllSentence> sentences) {
    if (tokens.isEmpty()) {
      return;
    }
    int n = tokens.size();
    String[] words = new String[n];
    String[] pos = new String[n];
    String[] chunks = new String[n];
    for (int t = 0; t < n; t++) {
      words[t] = tokens.get(t)[0];
      pos[t] = tokens.get(t)[1];
      chunks[t] = tokens.get(t)[2];
    }
    sentences.add(new ConllSentence(words, pos, chunks));
    tokens.clear();
  }
}
