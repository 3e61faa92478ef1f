package io.imagesearch.delivery;

import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.web.SecuritySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.IntSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The delivery port in a Spring application, when {@code imagesearch.delivery.port} is not -1: it
 * serves the application's object store under the application's security settings and API keys.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliverySettings.class)
public class DeliveryConfiguration {

  /** Commands run without a web server (`import`, `reindex`) serve nothing, here neither. */
  private static boolean servesWeb(Environment environment) {
    return !"none"
        .equalsIgnoreCase(environment.getProperty("spring.main.web-application-type", "servlet"));
  }

  @Bean
  DeliveryPort deliveryPort(
      DeliverySettings settings,
      Environment environment,
      ObjectProvider<DeliveryStore> deliveryStore,
      ObjectProvider<ObjectStore> primaryStore,
      SecuritySettings security,
      ObjectProvider<ApiKeys> keys,
      ObjectProvider<MeterRegistry> meters) {
    if (!settings.enabled() || !servesWeb(environment)) {
      return new DeliveryPort(null);
    }
    return new DeliveryPort(
        new DeliveryServer(
            settings,
            environment.getProperty("server.address", ""),
            deliveryStore.getIfAvailable(() -> new DeliveryStore(primaryStore.getObject())).store(),
            security,
            keys.getIfAvailable(),
            meters.getIfAvailable(SimpleMeterRegistry::new),
            new MainPort(environment)));
  }

  /** The main web server's port, which Spring publishes once bound; remembered from then on. */
  private static final class MainPort implements IntSupplier {
    private final Environment environment;
    private volatile int port = -1;

    MainPort(Environment environment) {
      this.environment = environment;
    }

    @Override
    public int getAsInt() {
      if (port <= 0) {
        port = environment.getProperty("local.server.port", Integer.class, -1);
      }
      return port;
    }
  }
}
