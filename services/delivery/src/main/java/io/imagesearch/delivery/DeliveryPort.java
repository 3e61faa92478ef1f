package io.imagesearch.delivery;

import java.util.OptionalInt;
import org.springframework.context.SmartLifecycle;

/** The delivery port's life in the application: started after the beans, stopped before them. */
public final class DeliveryPort implements SmartLifecycle {

  private final DeliveryServer server;

  DeliveryPort(DeliveryServer server) {
    this.server = server;
  }

  /** The port bound, empty when the delivery port is off. */
  public OptionalInt port() {
    return server != null && server.isRunning()
        ? OptionalInt.of(server.port())
        : OptionalInt.empty();
  }

  @Override
  public void start() {
    if (server != null) {
      server.start();
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Override
  public boolean isRunning() {
    return server != null && server.isRunning();
  }
}
