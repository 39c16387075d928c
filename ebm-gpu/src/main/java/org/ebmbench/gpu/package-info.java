/**
 * The "gpu" engine on ND4J: {@link org.ebmbench.gpu.GpuEngine} offers the engine SPI's {@link
 * org.ebmbench.engine.Ops} in FLOAT and DOUBLE on nd4j-native (default) or nd4j-cuda-11.6
 * ({@code -Pcuda}). Only {@code GpuEngine} is public; the rest is replaceable (docs/GPU.md says
 * how a cuBLAS backend would slot in).
 */
package org.ebmbench.gpu;
