package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.mock.web.MockHttpServletRequest;

class ManagementPortRequestsTest {

  private final ManagementPortRequests requests = new ManagementPortRequests();

  @Test
  void matchesNothingWhileNoManagementServerStarted() {
    assertThat(requests.matches(on(8080))).isFalse();
  }

  @Test
  void matchesRequestsOnTheManagementServersPortOnly() {
    requests.onApplicationEvent(started("server", 8080));
    requests.onApplicationEvent(started("management", 9090));

    assertThat(requests.matches(on(9090))).isTrue();
    assertThat(requests.matches(on(8080))).isFalse();
  }

  private static MockHttpServletRequest on(int localPort) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
    request.setLocalPort(localPort);
    return request;
  }

  private static WebServerInitializedEvent started(String namespace, int port) {
    WebServer server =
        new WebServer() {
          @Override
          public void start() {}

          @Override
          public void stop() {}

          @Override
          public int getPort() {
            return port;
          }
        };
    WebServerApplicationContext context =
        (WebServerApplicationContext)
            java.lang.reflect.Proxy.newProxyInstance(
                ManagementPortRequestsTest.class.getClassLoader(),
                new Class<?>[] {WebServerApplicationContext.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getServerNamespace" -> namespace;
                      case "getWebServer" -> server;
                      default -> null;
                    });
    return new WebServerInitializedEvent(server) {
      @Override
      public WebServerApplicationContext getApplicationContext() {
        return context;
      }
    };
  }
}
