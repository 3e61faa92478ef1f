package io.imagesearch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real redis-server (Debian package) on a free loopback port with its data in a temp dir. */
public final class RedisServer implements AutoCloseable {

  static final ServerBinary BINARY =
      ServerBinary.resolve("redis-server", "REDIS_SERVER_BIN", Path.of("/usr/bin/redis-server"));

  private final int port;
  private final ServerProcess process;

  private RedisServer(int port, Path dataDir) {
    this.port = port;
    this.process =
        new ServerProcess(
            "redis",
            List.of(
                BINARY.require().toString(),
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dataDir.toString(),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always"),
            Map.of(),
            () -> "+PONG".equals(ping(port)),
            Duration.ofSeconds(20));
  }

  /** Starts a new server; the caller closes it. */
  public static RedisServer start() {
    try {
      RedisServer server = new RedisServer(FreePort.find(), Files.createTempDirectory("redis-"));
      server.process.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a Redis data dir", e);
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
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

  private static String ping(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(5);
      return new String(reply, StandardCharsets.US_ASCII);
    }
  }
}
