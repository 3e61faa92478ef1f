package io.imagesearch.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Readiness by HTTP status: the server is ready when {@code url} answers 200. */
final class HttpProbe implements ServerProcess.ReadinessCheck {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private final URI url;

  HttpProbe(String url) {
    this.url = URI.create(url);
  }

  @Override
  public boolean isReady() throws InterruptedException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).GET().build();
      return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
