package io.imagesearch.web;

import java.util.OptionalInt;

/**
 * Where the web UI fetches image bytes fastest: a delivery port on the page's host (embedded mode),
 * or, with no bean of this type, the page's own origin (the distributed Ingress already routes
 * image paths to the cdn's delivery port).
 */
@FunctionalInterface
public interface DeliveryLink {

  /** The delivery port, once listening; empty when there is none. */
  OptionalInt port();
}
