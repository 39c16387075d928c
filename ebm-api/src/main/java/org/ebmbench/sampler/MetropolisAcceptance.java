package org.ebmbench.sampler;

import org.ebmbench.engine.Mat;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.UnaryFunction;
import org.ebmbench.random.RandomStream;

/**
 * The Metropolis-Hastings accept/reject step for a batch of chains: chain i accepts when log u_i <
 * log ratio_i with u_i ~ U[0, 1), and accepted rows are then copied over exactly.
 */
final class MetropolisAcceptance {
  private final Ops ops;
  private final Mat logUniform;
  private final Mat accept;
  private final Mat reject;

  MetropolisAcceptance(Ops ops, int chains) {
    this.ops = ops;
    this.logUniform = ops.zeros(chains, 1);
    this.accept = ops.zeros(chains, 1);
    this.reject = ops.zeros(chains, 1);
  }

  /**
   * Draws one uniform per chain and decides; a NaN ratio rejects.
   *
   * @param logRatio log of the acceptance ratio per chain (chains x 1)
   * @return the fraction of chains that accepted
   */
  double decide(Mat logRatio, RandomStream stream) {
    ops.uniform(stream, logUniform);
    ops.map(UnaryFunction.LOG, logUniform, logUniform);
    ops.lessThan(logUniform, logRatio, accept);
    ops.affine(accept, -1.0, 1.0, reject);
    return ops.sum(accept) / accept.rows();
  }

  /**
   * Replaces the accepted rows of {@code current} by those of {@code proposed}, which is used as
   * workspace and left unspecified. Exact: each row is multiplied by 1 or 0 and added to a zero.
   */
  void keepAccepted(Mat current, Mat proposed) {
    ops.scaleRows(current, reject, current);
    ops.scaleRows(proposed, accept, proposed);
    ops.axpby(1.0, current, 1.0, proposed, current);
  }
}
