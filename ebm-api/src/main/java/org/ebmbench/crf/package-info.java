/**
 * Conditional random fields: P(y|x) = exp(f(x,y)) / Z(x). Not yet stable.
 *
 * <p>{@link org.ebmbench.crf.ChainCrf} is a linear-chain CRF over sparse binary attributes, with an
 * emission matrix (attributes x labels), a label-transition matrix, and start and end weights.
 * {@link org.ebmbench.crf.ForwardBackward} gives exact log Z(x) and marginals in log space,
 * Viterbi the best labeling, {@link org.ebmbench.crf.ChainObjective} the L2-penalized negative
 * conditional log-likelihood and its gradient for {@link org.ebmbench.optim.Lbfgs}.
 *
 * <p><b>Where the engine line falls.</b> {@link org.ebmbench.crf.ChainLikelihoodKernel} computes
 * the log-likelihood and gradient of a block of sentences. {@link
 * org.ebmbench.crf.HostChainLikelihoodKernel}, the reference, runs forward-backward on the host
 * sentence by sentence; {@link org.ebmbench.crf.EngineChainLikelihoodKernel} runs the whole block
 * as batched {@code Ops} calls (one L x L log-semiring product over all running sentences per
 * position), with the sparse attribute gather and scatter on the host. docs/CRF.md says which the
 * crf family uses where.
 *
 * <p><b>Determinism.</b> Training splits the sentences into a fixed number of blocks that depend
 * only on the data; each block accumulates its own gradient and the blocks are summed in order, so
 * the weights do not depend on the number of threads.
 */
package org.ebmbench.crf;
