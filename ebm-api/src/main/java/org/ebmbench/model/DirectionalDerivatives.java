package org.ebmbench.model;

import java.util.List;
import org.ebmbench.engine.Mat;

/**
 * A model that differentiates f along given directions in x, to second order, and gives the
 * Theta-gradient of any weighted sum of those directional derivatives. This is what the sliced and
 * denoising score-matching estimators need: with one direction v_i per row and block,
 *
 * <ul>
 *   <li>the first directional derivative is v_i . grad_x f(x_i) (so a direction equal to a fixed
 *       vector g_i makes the Theta-gradient of any scalar function of the score computable by the
 *       chain rule: d/dTheta phi(grad f) = phi'(grad f) . d grad f / dTheta);
 *   <li>the second is the curvature v_i^T H(x_i) v_i, H the Hessian of f in x.
 * </ul>
 */
public interface DirectionalDerivatives extends DifferentiableInX {
  /** H(x_i) v_i for each row i, H the Hessian of f in x, into {@code out} (n x dimension). */
  void hessianVectorProduct(Mat x, Mat v, Mat out);

  /**
   * One pass over {@code directions} (blocks of n x dimension directions, row i for x_i):
   * evaluates the directional derivatives of each block, asks {@code weights} how much each
   * counts, and writes the Theta-gradient of the weighted sum into {@code gradientOut} (P x 1):
   *
   * <pre>
   *   sum over blocks b and rows i of
   *       alpha_bi * d/dTheta [v_bi . grad f(x_i)] + beta_bi * d/dTheta [v_bi^T H(x_i) v_bi].
   * </pre>
   *
   * The weights and the directions are treated as constants, score-based ones included (the
   * caller applies the chain rule through them). Blocks are visited in order; a block's matrices
   * are valid only during its callback.
   */
  void directionalParameterGradient(
      Mat x, List<Direction> directions, DirectionWeights weights, Mat gradientOut);

  /**
   * A block of directions, one row per row of x: v_i = scoreWeight * grad f(x_i) + offset_i. A
   * direction that involves the score (the residual of denoising score matching, the score itself
   * for the variance-reduced sliced form) is formed inside the pass, which then reuses the forward
   * activations it computed the score with.
   *
   * @param offset n x dimension, or null for none
   * @param scoreWeight the multiple of the score in the direction (0 for a fixed direction)
   * @param curvature whether the block needs v^T H v (otherwise only v . grad f, which is cheaper)
   */
  record Direction(Mat offset, double scoreWeight, boolean curvature) {
    public Direction {
      if (offset == null && scoreWeight == 0.0) {
        throw new IllegalArgumentException("a direction needs an offset or a nonzero score weight");
      }
    }

    /** The fixed directions {@code v}. */
    public static Direction fixed(Mat v, boolean curvature) {
      return new Direction(v, 0.0, curvature);
    }

    /** v = weight * grad f(x) + offset ({@code offset} may be null), without curvature. */
    public static Direction alongScore(double weight, Mat offset) {
      return new Direction(offset, weight, false);
    }
  }

  /** Chooses the weights of one block from its directional derivatives. */
  @FunctionalInterface
  interface DirectionWeights {
    /**
     * @param block the index of the block in the list
     * @param v the block's directions (n x dimension), as formed
     * @param first v_i . grad f(x_i) (n x 1)
     * @param curvature v_i^T H(x_i) v_i (n x 1), or null for a block without curvature
     * @param alphaOut the weights alpha_i of the first derivatives (n x 1), to write
     * @param betaOut the weights beta_i of the curvatures (n x 1) to write, or null for a block
     *     without curvature
     */
    void weigh(int block, Mat v, Mat first, Mat curvature, Mat alphaOut, Mat betaOut);
  }
}
