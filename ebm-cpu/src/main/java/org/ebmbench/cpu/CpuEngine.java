package org.ebmbench.cpu;

import java.util.EnumMap;
import java.util.Map;
import org.ebmbench.engine.Availability;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.EngineInfo;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;

/**
 * The "cpu" engine: Java, double precision by default (the numerical reference), float on request
 * ({@code ops(Precision.FLOAT)}: float storage and products; element-wise passes in double
 * arithmetic, except the sigmoid, SiLU and {@code productSum}, in float with derived error
 * bounds). Threads default to the number of processors; set {@code
 * -Debm.cpu.threads=N} (or EBM_CPU_THREADS) to change it. Matrix products use OpenBLAS when it
 * loads and a pure Java kernel otherwise; set {@code -Debm.cpu.gemm=java} (or EBM_CPU_GEMM) to
 * force the Java kernel. With the Vector API, float products of at least 16 columns run in SIMD
 * lanes in Java whichever kernel is set ({@link FloatLanesGemmKernel}). Results do not depend on
 * the thread count.
 */
public final class CpuEngine implements Engine {
  private final int threads;
  private final String gemmName;
  private final Map<Precision, CpuOps> ops = new EnumMap<>(Precision.class);
  private WorkTeam team;
  private GemmKernel gemmKernel;

  public CpuEngine() {
    this(configuredThreads());
  }

  public CpuEngine(int threads) {
    this(threads, configured("ebm.cpu.gemm", "EBM_CPU_GEMM", GemmKernel.OPENBLAS));
  }

  /**
   * @param threads worker threads, at least 1
   * @param gemmName the matrix product kernel: "openblas" (falls back to "java" if it cannot load)
   *     or "java"
   */
  CpuEngine(int threads, String gemmName) {
    if (threads < 1) {
      throw new IllegalArgumentException("CPU engine threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.gemmName = gemmName;
  }

  private static String configured(String property, String environment, String fallback) {
    String value = System.getProperty(property, System.getenv(environment));
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int configuredThreads() {
    String value = System.getProperty("ebm.cpu.threads", System.getenv("EBM_CPU_THREADS"));
    if (value == null || value.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ebm.cpu.threads must be an integer, got '" + value + "'");
    }
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Availability availability() {
    return Availability.yes();
  }

  /** True: the engine's ops are Java on the host, like host kernels, with a call's overhead. */
  @Override
  public boolean prefersHostKernels() {
    return true;
  }

  @Override
  public EngineInfo info() {
    return new EngineInfo(
        "cpu",
        "java",
        CpuDescription.processorName(),
        Precision.DOUBLE,
        threads,
        Map.of(
            "java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
            "os.arch", System.getProperty("os.arch"),
            "gemm", cpuOps(Precision.DOUBLE).gemmKernel().description()));
  }

  @Override
  public Ops ops(Precision precision) {
    return cpuOps(precision);
  }

  /** The ops of one precision; both share the worker threads and the gemm kernel. */
  private synchronized CpuOps cpuOps(Precision precision) {
    if (gemmKernel == null) {
      // A lambda, so a missing JavaCPP jar surfaces inside select() and falls back to Java.
      gemmKernel =
          FloatLanesGemmKernel.over(
              GemmKernel.select(gemmName, () -> OpenBlasGemmKernel.load()));
      team = threads == 1 ? null : new WorkTeam(threads);
    }
    return ops.computeIfAbsent(
        precision, p -> new CpuOps(p, threads, team, gemmKernel));
  }
}
