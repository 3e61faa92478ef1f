package io.imagesearch.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real MinIO server (built from its Go module) on free loopback ports. */
public final class MinioServer implements AutoCloseable {

  static final ServerBinary BINARY =
      ServerBinary.resolve("minio", "MINIO_BIN", ServerBinary.cacheDir().resolve("bin/minio"));

  public static final String ACCESS_KEY = "imagesearch";
  public static final String SECRET_KEY = "imagesearch-secret";

  private final int port;
  private final ServerProcess process;

  private MinioServer(int port, int consolePort, Path dataDir) {
    this.port = port;
    this.process =
        new ServerProcess(
            "minio",
            List.of(
                BINARY.require().toString(),
                "server",
                dataDir.toString(),
                "--address",
                "127.0.0.1:" + port,
                "--console-address",
                "127.0.0.1:" + consolePort,
                "--quiet"),
            Map.of(
                "MINIO_ROOT_USER",
                ACCESS_KEY,
                "MINIO_ROOT_PASSWORD",
                SECRET_KEY,
                "MINIO_BROWSER",
                "off",
                "MINIO_UPDATE",
                "off"),
            new HttpProbe("http://127.0.0.1:" + port + "/minio/health/ready"),
            Duration.ofSeconds(60));
  }

  /** Starts a new server; the caller closes it. */
  public static MinioServer start() {
    try {
      MinioServer server =
          new MinioServer(FreePort.find(), FreePort.find(), Files.createTempDirectory("minio-"));
      server.process.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a MinIO data dir", e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** Kills the server, keeping its port and data, to simulate an outage. */
  public void stop() {
    process.stop();
  }

  /** Starts the server again on the same port with the same data. */
  public void restart() {
    process.start();
  }

  @Override
  public void close() {
    process.close();
  }
}
