package org.ebmbench.gpu;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebmbench.engine.Availability;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.EngineInfo;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;

/**
 * The "gpu" engine: {@link Ops} on ND4J, in FLOAT (the default, as on GPUs) or DOUBLE. The
 * backend is whichever ND4J finds on the class path: nd4j-native (the CPU, OpenBLAS) by default,
 * nd4j-cuda-11.6 when built with {@code -Pcuda}. The default precision can be set with
 * {@code -Debm.gpu.precision=double} (or EBM_GPU_PRECISION).
 *
 * <p>Another backend (for example cuBLAS through JavaCPP's CUDA presets for GPUs newer than CUDA
 * 11.6 supports) would be a second {@link Ops} implementation chosen here; nothing above the
 * engine line would change. See docs/GPU.md.
 */
public final class GpuEngine implements Engine {
  private final Precision defaultPrecision;
  private final Map<Precision, Ops> ops = new EnumMap<>(Precision.class);

  /** The engine in its configured default precision (FLOAT unless set). */
  public GpuEngine() {
    this(configuredPrecision());
  }

  /** The engine with {@code defaultPrecision} as the precision of {@link #ops()}. */
  public GpuEngine(Precision defaultPrecision) {
    this.defaultPrecision = defaultPrecision;
  }

  private static Precision configuredPrecision() {
    String value = System.getProperty("ebm.gpu.precision", System.getenv("EBM_GPU_PRECISION"));
    if (value == null || value.isBlank()) {
      return Precision.FLOAT;
    }
    try {
      return Precision.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "ebm.gpu.precision must be float or double, got '" + value + "'", e);
    }
  }

  @Override
  public String name() {
    return "gpu";
  }

  /**
   * Above the cpu engine only where ND4J's CUDA backend is on the class path: on nd4j-native the
   * cpu engine is the better default. Decided without loading any native code.
   */
  @Override
  public int priority() {
    return Nd4jRuntime.cudaOnClassPath() ? 20 : 5;
  }

  @Override
  public Availability availability() {
    Nd4jRuntime runtime = Nd4jRuntime.get();
    return runtime.available() ? Availability.yes() : Availability.no(runtime.failure());
  }

  @Override
  public EngineInfo info() {
    Nd4jRuntime runtime = Nd4jRuntime.get();
    Map<String, String> details = new LinkedHashMap<>(runtime.details());
    if (!runtime.available()) {
      details.put("unavailable", runtime.failure());
    }
    return new EngineInfo(
        "gpu", runtime.backend(), runtime.device(), defaultPrecision, runtime.threads(), details);
  }

  @Override
  public synchronized Ops ops(Precision precision) {
    Nd4jRuntime runtime = Nd4jRuntime.get();
    if (!runtime.available()) {
      throw new UnsupportedOperationException("the gpu engine cannot run here: " + runtime.failure());
    }
    return ops.computeIfAbsent(precision, Nd4jOps::new);
  }
}
