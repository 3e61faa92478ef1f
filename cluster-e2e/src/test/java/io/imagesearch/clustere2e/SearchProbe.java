package io.imagesearch.clustere2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Searches continuously through the Ingress's route, each request on a new connection as separate
 * users' browsers would, and keeps every failure: a status other than 200 or no answer at all, and
 * the best hit of every answer (which model answered shows in it).
 */
final class SearchProbe implements AutoCloseable {
  static final String QUERY = "/api/v1/search?text=a%20blue%20square&limit=5";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IngressGateway gateway;
  private final AtomicInteger succeeded = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<String> bestHits = new CopyOnWriteArrayList<>();
  private final Thread loop;
  private volatile boolean stopped;

  private SearchProbe(IngressGateway gateway) {
    this.gateway = gateway;
    this.loop = Thread.ofVirtual().name("search-probe").start(this::run);
  }

  static SearchProbe start(IngressGateway gateway) {
    return new SearchProbe(gateway);
  }

  private void run() {
    while (!stopped) {
      try (HttpClient client =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
        HttpResponse<String> response =
            client.send(
                gateway.request(QUERY).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          succeeded.incrementAndGet();
          bestHits.add(bestHit(response.body()));
        } else {
          failures.add(response.statusCode() + " " + response.body());
        }
      } catch (IOException e) {
        failures.add("no answer: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The id of the first result of a search answer ("" for none). */
  static String bestHit(String body) {
    try {
      return JSON.readTree(body).path("results").path(0).path("image").path("id").asText();
    } catch (IOException e) {
      return "unparsable: " + body;
    }
  }

  /** The ids of every result of a search answer, best first. */
  static List<String> hits(String body) {
    try {
      List<String> ids = new java.util.ArrayList<>();
      JSON.readTree(body)
          .path("results")
          .forEach(r -> ids.add(r.path("image").path("id").asText()));
      return ids;
    } catch (IOException e) {
      throw new IllegalStateException("unparsable search answer: " + body, e);
    }
  }

  /** The best hit of each successful search, in order. */
  List<String> bestHits() {
    return List.copyOf(bestHits);
  }

  int succeeded() {
    return succeeded.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() {
    stopped = true;
    try {
      loop.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
