package org.ebmbench.experiments.crf;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.ebmbench.experiments.suite.Check;
import org.ebmbench.experiments.suite.FieldPath;
import org.ebmbench.experiments.suite.ModelSpec;

/**
 * {@code {type: conll-crf, l2: 1.0, threads: 2, blocks: 4}}: a chain CRF chunker on CoNLL-2000
 * with CRF++'s chunking template (docs/CRF.md). Data: {@code {file: conll2000, rows: 2000,
 * testRows: 500}}, the directory with train.txt and test.txt (docs/CRF.md says where it is
 * looked for) and optionally the first {@code rows} training and {@code testRows} test sentences
 * (default all). The objective is -sum log P(y|x) + (l2 / 2) ||w||^2; stochastic optimizers step
 * on its mini-batch mean.
 *
 * @param l2 the L2 coefficient (default 1, CRFsuite's c2 as in its benchmark)
 * @param threads worker threads of the exact objective (default 2); results do not depend on it
 * @param blocks blocks of the exact objective's summation order (default 4)
 */
@JsonTypeName("conll-crf")
public record ConllCrfSpec(Double l2, Integer threads, Integer blocks) implements ModelSpec {
  public ConllCrfSpec {
    l2 = l2 == null ? 1.0 : l2;
    threads = threads == null ? 2 : threads;
    blocks = blocks == null ? 4 : blocks;
  }

  @Override
  public void validate(FieldPath path) {
    Check.between(path.field("l2"), l2, 0.0, 1e6);
    Check.between(path.field("threads"), threads, 1, 256);
    Check.between(path.field("blocks"), blocks, 1, 1024);
  }
}
