package org.ebmbench.gpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What ND4J loaded in this JVM: its backend and device, or why it could not load. Probed once
 * (the first load of the natives takes 1-3 s); a missing native library or an absent GPU becomes
 * a {@link #failure()} message, never an exception out of the probe.
 *
 * @param backend "nd4j-native" or "nd4j-cuda"
 * @param device the processor (nd4j-native) or the GPU's name (nd4j-cuda)
 * @param threads ND4J's thread count (OpenMP on nd4j-native; 1 per device on CUDA)
 * @param details library versions and BLAS vendor, for provenance
 * @param failure why ND4J cannot run here, or null if it can
 */
record Nd4jRuntime(
    String backend, String device, int threads, Map<String, String> details, String failure) {
  /** The class of ND4J's CUDA backend; on the class path only with -Pcuda. */
  static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

  private static volatile Nd4jRuntime loaded;

  /** The probe's result, computed on first use. */
  static Nd4jRuntime get() {
    Nd4jRuntime result = loaded;
    if (result == null) {
      synchronized (Nd4jRuntime.class) {
        if (loaded == null) {
          loaded = probe();
        }
        result = loaded;
      }
    }
    return result;
  }

  /** Whether the CUDA backend is on the class path, found without loading anything native. */
  static boolean cudaOnClassPath() {
    try {
      Class.forName(CUDA_BACKEND_CLASS, false, Nd4jRuntime.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  boolean available() {
    return failure == null;
  }

  private static Nd4jRuntime probe() {
    try {
      boolean cuda = Nd4j.getBackend().getClass().getName().equals(CUDA_BACKEND_CLASS);
      Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
      Map<String, String> details = new LinkedHashMap<>();
      details.put("nd4j.backendClass", Nd4j.getBackend().getClass().getSimpleName());
      copy(env, "blas.vendor", details);
      copy(env, "cuda.availableDevices", details);
      details.put("nd4j.version", versionOf(Nd4j.class));
      details.put("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
      int threads = cuda ? 1 : intOr(env.get("omp.threads"), Runtime.getRuntime().availableProcessors());
      String device = cuda ? cudaDeviceName(env) : ProcessorName.get();
      return new Nd4jRuntime(cuda ? "nd4j-cuda" : "nd4j-native", device, threads, details, null);
    } catch (RuntimeException | LinkageError e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Nd4jRuntime(
          "nd4j", "none", 0, Map.of(), "ND4J could not load its backend: " + oneLine(reason));
    }
  }

  private static void copy(Properties env, String key, Map<String, String> details) {
    Object value = env.get(key);
    if (value != null) {
      details.put(key, String.valueOf(value));
    }
  }

  /** The first GPU's name from ND4J's environment report. */
  private static String cudaDeviceName(Properties env) {
    Object devices = env.get("cuda.devicesInformation");
    if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
      Object name = first.get("cuda.deviceName");
      if (name != null) {
        return String.valueOf(name);
      }
    }
    return "CUDA device";
  }

  private static int intOr(Object value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String versionOf(Class<?> c) {
    String version = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
