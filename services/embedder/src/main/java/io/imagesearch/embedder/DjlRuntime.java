package io.imagesearch.embedder;

/**
 * Process-wide DJL settings, applied before the first engine starts: offline (natives come from the
 * class path, nothing is downloaded) and the PyTorch thread counts.
 */
final class DjlRuntime {
  private DjlRuntime() {}

  static synchronized void configure(ModelFormat format, EmbedderOptions options) {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    if (format == ModelFormat.TORCHSCRIPT) {
      setIfAbsent("ai.djl.pytorch.num_threads", String.valueOf(options.intraOpThreads()));
      setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
