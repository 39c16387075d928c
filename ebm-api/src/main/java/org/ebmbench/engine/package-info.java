/**
 * The engine SPI: {@link org.ebmbench.engine.Engine} implementations are found by {@link
 * java.util.ServiceLoader} and chosen by name ({@link org.ebmbench.engine.Engines}); {@link
 * org.ebmbench.engine.Ops} is the batched surface below which each engine computes on its own
 * matrices ({@link org.ebmbench.engine.Mat}). Everything above the line is written once against
 * it. New primitives may still be added while the model families land.
 */
package org.ebmbench.engine;
