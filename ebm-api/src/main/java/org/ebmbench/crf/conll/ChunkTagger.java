package org.ebmbench.crf.conll;

import java.util.ArrayList;
import java.util.List;
import org.ebmbench.crf.ChainCrf;
import org.ebmbench.crf.ChainObjective;
import org.ebmbench.crf.HostChainLikelihoodKernel;
import org.ebmbench.optim.Lbfgs;

/**
 * A chunker: a {@link ChainCrf} over the {@link ChunkFeatures} attributes, with its attribute and
 * label alphabets frozen after training, so tagging never adds features.
 */
public final class ChunkTagger {
  private final Alphabet attributes;
  private final Alphabet labels;
  private final ChainCrf model;

  private ChunkTagger(Alphabet attributes, Alphabet labels, ChainCrf model) {
    this.attributes = attributes;
    this.labels = labels;
    this.model = model;
  }

  /**
   * Training settings.
   *
   * @param l2 the L2 coefficient of the objective (see {@link ChainObjective})
   * @param blocks the number of blocks (fixes the summation order; independent of threads)
   * @param threads worker threads
   * @param lbfgs the optimizer
   */
  public record Config(double l2, int blocks, int threads, Lbfgs lbfgs) {}

  /** A tagger from a trained model over the alphabets it was trained with. */
  public static ChunkTagger of(Alphabet attributes, Alphabet labels, ChainCrf model) {
    if (model.numAttributes() != attributes.size() || model.numLabels() != labels.size()) {
      throw new IllegalArgumentException(
          "chunk tagger: model is " + model.numAttributes() + " x " + model.numLabels()
              + " but the alphabets hold " + attributes.size() + " attributes and "
              + labels.size() + " labels");
    }
    return new ChunkTagger(attributes, labels, model);
  }

  /** Exact maximum-likelihood training with L2 by L-BFGS, from zero weights. */
  public static ChunkTagger train(
      List<ConllSentence> sentences, Config config, Lbfgs.Listener listener) {
    ChunkCorpus corpus = new ChunkCorpus(sentences);
    Alphabet attributes = corpus.attributes();
    Alphabet labels = corpus.labels();
    try (ChainObjective objective =
        new ChainObjective(
            attributes.size(),
            labels.size(),
            corpus.training(),
            config.l2(),
            config.blocks(),
            config.threads(),
            new HostChainLikelihoodKernel())) {
      Lbfgs.Result result =
          config.lbfgs().minimize(objective, new double[objective.dimension()], listener);
      return new ChunkTagger(
          attributes, labels, ChainCrf.of(attributes.size(), labels.size(), result.x()));
    }
  }

  /** The most probable chunk tags for {@code sentence} (its own chunk column is ignored). */
  public String[] tag(ConllSentence sentence) {
    int[] y = model.viterbi(ChunkFeatures.encode(sentence, attributes));
    String[] tags = new String[y.length];
    for (int t = 0; t < y.length; t++) {
      tags[t] = labels.name(y[t]);
    }
    return tags;
  }

  /** Tags every sentence and scores the result against the gold chunk column. */
  public ChunkEvaluation evaluate(List<ConllSentence> sentences) {
    List<String[]> gold = new ArrayList<>();
    List<String[]> guessed = new ArrayList<>();
    for (ConllSentence sentence : sentences) {
      gold.add(sentence.chunkTags());
      guessed.add(tag(sentence));
    }
    return ChunkEvaluation.of(gold, guessed);
  }

  /** The frozen attribute alphabet. */
  public Alphabet attributes() {
    return attributes;
  }

  /** The frozen label alphabet. */
  public Alphabet labels() {
    return labels;
  }

  public ChainCrf model() {
    return model;
  }
}
