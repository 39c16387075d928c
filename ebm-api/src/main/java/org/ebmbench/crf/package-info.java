/**
 * Conditional random fields: P(y|x) = exp(f(x,y)) / Z(x). Not yet stable.
 *
 * <p>{@link org.ebmbench.crf.ChainCrf} is a linear-chain CRF over sparse binary attributes, with an
 * emission matrix (attributes x labels), a label-transition matrix, and start and end weights.
 * {@link org.ebmbench.crf.ForwardBackward} gives exact log Z(x) and marginals in log space,
 * Viterbi the best labeling, {@link org.ebmbench.crf.ChainObjective} the L2-penalized negative
 * conditional log-likelihood and its gradient for {@link org.ebmbench.optim.Lbfgs}.
 *
 * <p><b>Where the engine line falls.</b> This package runs on the host, not on {@code Ops}. The
 * work per sentence is a chain of T small steps (an L x L log-sum-exp, L = 22 for CoNLL-2000
 * chunking) and a sparse gather/scatter of about 20 attribute rows per token; each step depends on
 * the previous one, so a per-sentence engine call would be dominated by call overhead, and the
 * sparse emission rows do not map onto {@code gemm}. A batched formulation (all sentences of a
 * block padded to a common length, one L x L step over the whole batch per position) could pay on
 * a GPU; the door for it is {@link org.ebmbench.crf.ChainLikelihoodKernel}, which an engine can
 * implement for a whole block of sentences while the objective, the thread-independent reduction
 * and L-BFGS stay as they are. {@link org.ebmbench.crf.HostChainLikelihoodKernel} is the reference.
 * Measured on the host: one pass over CoNLL-2000's training set (211,727 tokens, 22 labels, 7.4 M
 * weights) costs about 1.1 s on one core, so the host path already meets the chunking targets
 * (docs/CRF.md).
 *
 * <p><b>Determinism.</b> Training splits the sentences into a fixed number of blocks that depend
 * only on the data; each block accumulates its own gradient and the blocks are summed in order, so
 * the weights do not depend on the number of threads.
 */
package org.ebmbench.crf;
