package org.ebmbench.cpu;

import java.util.Map;
import org.ebmbench.engine.Availability;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.EngineInfo;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;

/**
 * The "cpu" engine: pure Java, double precision, the numerical reference. Threads default to the
 * number of processors; set {@code -Debm.cpu.threads=N} (or EBM_CPU_THREADS) to change it.
 * Results do not depend on the thread count.
 */
public final class CpuEngine implements Engine {
  private final int threads;
  private volatile CpuOps ops;

  public CpuEngine() {
    this(configuredThreads());
  }

  public CpuEngine(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("CPU engine threads must be >= 1, got " + threads);
    }
    this.threads = threads;
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
            "os.arch", System.getProperty("os.arch")));
  }

  @Override
  public Ops ops(Precision precision) {
    if (precision != Precision.DOUBLE) {
      throw new UnsupportedOperationException(
          "the cpu engine computes in DOUBLE only; " + precision + " is not offered");
    }
    CpuOps result = ops;
    if (result == null) {
      synchronized (this) {
        if (ops == null) {
          ops = new CpuOps(threads);
        }
        result = ops;
      }
    }
    return result;
  }
}
