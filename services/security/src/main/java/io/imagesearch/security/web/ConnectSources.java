package io.imagesearch.security.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Further origins the web UI may {@code fetch()} from, added to the Content-Security-Policy's
 * {@code connect-src} of each answer: embedded mode's image delivery port, which is another origin
 * than the page's. A bean of this type is picked up when present.
 */
@FunctionalInterface
public interface ConnectSources {

  /** The sources for an answer to {@code request}; empty for none. */
  List<String> forRequest(HttpServletRequest request);
}
