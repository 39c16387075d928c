/**
 * CoNLL-2000 chunking with a chain CRF: the reader ({@link org.ebmbench.crf.conll.ConllReader}),
 * CRF++'s chunking feature templates ({@link org.ebmbench.crf.conll.ChunkFeatures}), alphabets
 * frozen after training ({@link org.ebmbench.crf.conll.Alphabet}), the L-BFGS-trained tagger
 * ({@link org.ebmbench.crf.conll.ChunkTagger}) and conlleval's chunk scores ({@link
 * org.ebmbench.crf.conll.ChunkEvaluation}). The data is found by path, never bundled. Not yet
 * stable.
 */
package org.ebmbench.crf.conll;
