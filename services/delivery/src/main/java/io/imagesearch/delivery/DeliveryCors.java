package io.imagesearch.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Which web pages may read the delivery port's images with {@code fetch()}: the application's own
 * pages (the main port on the same host, so its web UI can load images here with its API key) and
 * the origins of {@code imagesearch.security.cors-allowed-origins}, as on the main port.
 *
 * <p>Only those: when reads are public or security is off, what a foreign page could read from a
 * server reachable only from the user's machine is the user's library, so no origin is granted at
 * large. A grant never covers credentials (no cookie or certificate authenticates here): a page
 * reads only what the key it holds allows.
 */
final class DeliveryCors {

  static final byte[] VARY = "Vary: Origin\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final Set<String> configured;
  private final IntSupplier mainPort;
  private final byte[] preflight;

  /**
   * @param allowedOrigins origins granted whatever the host ({@code scheme://host[:port]})
   * @param mainPort the application's main port once bound, -1 when there is none
   * @param keyHeader the header an API key may come in, besides Authorization
   */
  DeliveryCors(List<String> allowedOrigins, IntSupplier mainPort, String keyHeader) {
    this.configured =
        Set.copyOf(allowedOrigins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT)).toList());
    this.mainPort = mainPort;
    this.preflight =
        ("Access-Control-Allow-Methods: GET, HEAD\r\nAccess-Control-Allow-Headers: Authorization, "
                + keyHeader
                + "\r\nAccess-Control-Max-Age: 600\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Whether a page of {@code origin} may read an answer to a request that named {@code host}. */
  boolean grants(String origin, String host) {
    if (origin == null) {
      return false;
    }
    String normalized = origin.strip().toLowerCase(Locale.ROOT);
    return configured.contains(normalized) || isMainPortOfSameHost(normalized, host);
  }

  /** The CORS lines of an answer: the grant, if any, and always Vary (caches keep them apart). */
  byte[] responseHeaders(String origin, String host) {
    if (!grants(origin, host)) {
      return VARY;
    }
    return ("Access-Control-Allow-Origin: " + origin.strip() + "\r\nVary: Origin\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Whether lines from {@link #responseHeaders} grant the origin (else they are {@link #VARY}). */
  static boolean isGrant(byte[] responseLines) {
    return responseLines != VARY;
  }

  /** The lines a granted preflight adds to {@link #responseHeaders}. */
  byte[] preflightHeaders() {
    return preflight;
  }

  private boolean isMainPortOfSameHost(String origin, String host) {
    int port = mainPort.getAsInt();
    if (port <= 0 || host == null) {
      return false;
    }
    try {
      URI page = new URI(origin);
      URI here = new URI("http://" + host.strip());
      if (page.getHost() == null || here.getHost() == null) {
        return false;
      }
      int pagePort =
          page.getPort() >= 0 ? page.getPort() : "https".equals(page.getScheme()) ? 443 : 80;
      return ("http".equals(page.getScheme()) || "https".equals(page.getScheme()))
          && page.getHost().equalsIgnoreCase(here.getHost())
          && pagePort == port;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
