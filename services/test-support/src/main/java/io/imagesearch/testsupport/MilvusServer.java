package io.imagesearch.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Milvus Lite (PyPI) serving the Milvus gRPC API on a free loopback port. */
public final class MilvusServer implements AutoCloseable {

  static final ServerBinary BINARY =
      ServerBinary.resolve(
          "milvus-lite",
          "MILVUS_LITE_BIN",
          ServerBinary.cacheDir().resolve("milvus-venv/bin/milvus-lite"));

  private final int port;
  private final ServerProcess process;

  private MilvusServer(int port, Path dataDir) {
    this.port = port;
    this.process =
        new ServerProcess(
            "milvus-lite",
            List.of(
                BINARY.require().toString(),
                "server",
                "--data-dir",
                dataDir.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port)),
            Map.of("PYTHONUNBUFFERED", "1"),
            ServerProcess.ReadinessCheck.tcp(port),
            Duration.ofSeconds(90));
  }

  /** Starts a new server; the caller closes it. */
  public static MilvusServer start() {
    try {
      MilvusServer server = new MilvusServer(FreePort.find(), Files.createTempDirectory("milvus-"));
      server.process.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a Milvus data dir", e);
    }
  }

  /** The URI milvus-sdk-java connects to. */
  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.close();
  }
}
