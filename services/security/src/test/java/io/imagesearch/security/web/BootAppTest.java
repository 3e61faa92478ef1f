package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.InMemoryApiKeyStore;
import io.imagesearch.security.key.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The module in a Spring Boot app on a real port, as the wiring will use it: settings bound from
 * properties, the filter chain registered by Boot, answers read by a real HTTP client.
 */
class BootAppTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableConfigurationProperties(SecuritySettings.class)
  @Import({ApiKeySecurityConfiguration.class, RoutesLikeTheApps.class})
  static class App {
    @Bean
    ApiKeyStore apiKeyStore() {
      return new InMemoryApiKeyStore();
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext app;
  private static String base;
  private static String searchKey;

  @BeforeAll
  static void start() {
    app = boot("imagesearch.security.api-key-header=X-Image-Key");
    base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    searchKey = app.getBean(ApiKeys.class).create("search", Set.of(Scope.SEARCH), null).value();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void routesNeedAKeyInTheConfiguredHeader() throws Exception {
    HttpResponse<String> anonymous = get("/api/v1/search", null);
    HttpResponse<String> withKey = get("/api/v1/search", searchKey);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(anonymous.body()).contains("or in the X-Image-Key header");
    assertThat(withKey.statusCode()).isEqualTo(200);
  }

  @Test
  void theSecurityHeadersReachTheWire() throws Exception {
    HttpResponse<String> page = get("/", null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .contains(SecuritySettings.DEFAULT_CSP);
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aUrlTheFirewallRefusesGetsAProblemBody() throws Exception {
    HttpResponse<String> refused = get("/images/..%252F..%252Fetc%252Fpasswd", searchKey);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(refused.body())
        .contains("\"type\":\"https://imagesearch.io/problems/invalid-request\"")
        .contains("\"status\":400")
        .contains("potentially malicious String \\\"%25\\\"")
        .contains("percent-encode each character of the path once");
  }

  @Test
  void aBadSettingStopsStartUpNamingIt() {
    assertThatThrownBy(() -> boot("imagesearch.security.cors-allowed-origins=*").close())
        .hasStackTraceContaining("imagesearch.security.cors-allowed-origins");
  }

  private static ConfigurableApplicationContext boot(String property) {
    return new SpringApplicationBuilder(App.class)
        .properties(
            "server.port=0",
            "server.address=127.0.0.1",
            "spring.main.banner-mode=off",
            "logging.level.root=warn",
            property)
        .run();
  }

  private static HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (key != null) {
      request.header("X-Image-Key", key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
