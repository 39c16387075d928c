package org.ebmbench.gpu;

import java.util.Map;
import org.ebmbench.engine.Availability;
import org.ebmbench.engine.Engine;
import org.ebmbench.engine.EngineInfo;
import org.ebmbench.engine.Ops;
import org.ebmbench.engine.Precision;

/**
 * The "gpu" engine (ND4J). Registered so that {@code --engine gpu} is a known name with a clear
 * answer; its operations arrive with the GPU engine issue, and until then it reports itself
 * unavailable rather than pretending to compute.
 */
public final class GpuEngine implements Engine {
  static final String NOT_YET =
      "the ND4J operations of the gpu engine are not implemented yet (tracked by the GPU engine"
          + " issue); use --engine cpu";

  @Override
  public String name() {
    return "gpu";
  }

  @Override
  public int priority() {
    return 20;
  }

  @Override
  public Availability availability() {
    return Availability.no(NOT_YET);
  }

  @Override
  public EngineInfo info() {
    return new EngineInfo("gpu", "nd4j", "none", Precision.FLOAT, 0, Map.of("status", "skeleton"));
  }

  @Override
  public Ops ops(Precision precision) {
    throw new UnsupportedOperationException(NOT_YET);
  }
}
