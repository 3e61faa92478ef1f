package io.imagesearch.security.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stand-ins for the apps' routes (README, "Using embedded mode"): each answers who it is. */
@RestController
class RoutesLikeTheApps {

  @GetMapping({
    "/",
    "/api/v1/image/search",
    "/api/v1/search",
    "/api/v1/images/{id}",
    "/api/v1/images/{id}/similar",
    "/api/v1/images/{id}/duplicates",
    "/api/v1/stats",
    "/api/v1/delivery",
    "/api/v1/models",
    "/api/v1/models/migration",
    "/api/v1/ingest/{taskId}",
    "/api/v1/tasks",
    "/api/v1/tasks/{taskId}",
    "/actuator/health",
    "/actuator/health/liveness",
    "/actuator/metrics",
    "/actuator/abc"
  })
  Map<String, String> read() {
    return Map.of("route", "read");
  }

  /** Any other route under the key administration's prefix, which needs admin like the rest. */
  @GetMapping("/api/v1/keys/{id}")
  Map<String, String> keyAdministration() {
    return Map.of("route", "key administration");
  }

  /** As the real delivery route: immutable bytes, cacheable by anyone unless made private. */
  @GetMapping({"/images/{id}", "/thumbnails/{id}"})
  ResponseEntity<Map<String, String>> delivery() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
        .body(Map.of("route", "delivery"));
  }

  @PostMapping({"/api/v1/search/by-image"})
  Map<String, String> searchByImage() {
    return Map.of("route", "search by image");
  }

  @PostMapping({"/api/v1/ingest", "/api/v1/images"})
  ResponseEntity<Map<String, String>> upload() {
    return ResponseEntity.accepted().body(Map.of("route", "upload"));
  }

  @DeleteMapping("/api/v1/images/{id}")
  ResponseEntity<Void> delete() {
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/v1/demo")
  ResponseEntity<Map<String, String>> demo() {
    return ResponseEntity.accepted().body(Map.of("route", "demo"));
  }
}
