package io.imagesearch.security.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests that arrived on the management server, when Spring Boot runs one on a port of its own
 * ({@code management.server.port}). Its child context serves through the app's security filter
 * chain, so the chain needs to tell the two ports apart; the port is learned from the management
 * server's start (its event reaches the parent context), so a random port works too. Matches
 * nothing while the actuator shares the main port.
 */
public final class ManagementPortRequests
    implements RequestMatcher, ApplicationListener<WebServerInitializedEvent> {

  /** The server namespace Spring Boot gives the management child context. */
  static final String MANAGEMENT_NAMESPACE = "management";

  private volatile int port = -1;

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
      port = event.getWebServer().getPort();
    }
  }

  /** The socket's own port, which no header of the request can change. */
  @Override
  public boolean matches(HttpServletRequest request) {
    int management = port;
    return management > 0 && request.getLocalPort() == management;
  }
}
