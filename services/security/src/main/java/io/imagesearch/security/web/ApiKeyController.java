package io.imagesearch.security.web;

import io.imagesearch.security.key.ApiKeyId;
import io.imagesearch.security.key.ApiKeySummary;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.InvalidKeyRequestException;
import io.imagesearch.security.key.IssuedKey;
import io.imagesearch.security.key.KeyQuota;
import io.imagesearch.security.key.Scope;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Key management for administrators: the filter chain lets only admin keys reach it. */
@RestController
public class ApiKeyController {

  private final ApiKeys keys;

  public ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  /**
   * What a client sends to create a key; {@code expires_at} (ISO-8601 instant), {@code max_images}
   * and {@code max_bytes} (what the key's uploads may hold at once) are optional.
   */
  public record CreateKeyRequest(
      String name, List<String> scopes, String expires_at, Long max_images, Long max_bytes) {}

  /**
   * A key as listed: never its secret or hash. Its quota (null: none) and what counts against it.
   */
  public record KeyView(
      String id,
      String name,
      List<String> scopes,
      Instant created_at,
      Instant expires_at,
      Instant revoked_at,
      Instant last_used_at,
      Long max_images,
      Long max_bytes,
      long used_images,
      long used_bytes) {

    static KeyView of(ApiKeySummary key) {
      return new KeyView(
          key.id().value(),
          key.name(),
          EnumSet.copyOf(key.scopes()).stream().map(Scope::wireName).toList(),
          key.createdAt(),
          key.expiresAt(),
          key.revokedAt(),
          key.lastUsedAt(),
          key.quota().maxImages(),
          key.quota().maxBytes(),
          key.usage().images(),
          key.usage().bytes());
    }
  }

  /** A key just created, with the full key: shown this once and never again. */
  public record CreatedKey(KeyView key, String api_key, String note) {}

  @PostMapping("/api/v1/keys")
  public ResponseEntity<CreatedKey> create(@RequestBody CreateKeyRequest request) {
    if (request == null) {
      throw new InvalidKeyRequestException(
          "send a JSON body such as {\"name\": \"importer\", \"scopes\": [\"upload\"]}");
    }
    IssuedKey issued =
        keys.create(
            request.name(),
            scopes(request.scopes()),
            expiry(request),
            new KeyQuota(request.max_images(), request.max_bytes()));
    return ResponseEntity.created(URI.create("/api/v1/keys/" + issued.summary().id().value()))
        .cacheControl(CacheControl.noStore())
        .body(
            new CreatedKey(
                KeyView.of(issued.summary()),
                issued.value(),
                "store api_key now: the server keeps only its hash and cannot show it again"));
  }

  @GetMapping("/api/v1/keys")
  public List<KeyView> list() {
    return keys.list().stream().map(KeyView::of).toList();
  }

  @DeleteMapping("/api/v1/keys/{id}")
  public ResponseEntity<KeyView> revoke(@PathVariable String id) {
    if (!ApiKeyId.isValid(id)) {
      throw new InvalidKeyRequestException(
          "\"" + abbreviate(id) + "\" is not a key id: use the 16 hex digits of the key's id");
    }
    return keys.revoke(new ApiKeyId(id))
        .map(key -> ResponseEntity.ok(KeyView.of(key)))
        .orElseThrow(() -> new UnknownKeyException(id));
  }

  private static Set<Scope> scopes(List<String> names) {
    if (names == null) {
      return Set.of();
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : names) {
      try {
        scopes.add(Scope.fromWireName(name));
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyRequestException(e.getMessage());
      }
    }
    return scopes;
  }

  private static Instant expiry(CreateKeyRequest request) {
    if (request.expires_at() == null) {
      return null;
    }
    try {
      return Instant.parse(request.expires_at());
    } catch (DateTimeParseException e) {
      throw new InvalidKeyRequestException(
          "expires_at \""
              + abbreviate(request.expires_at())
              + "\" is not an ISO-8601 instant such as 2030-01-31T00:00:00Z");
    }
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }

  /** No key has the id given. */
  static final class UnknownKeyException extends RuntimeException {
    UnknownKeyException(String id) {
      super("no API key has id " + id + ": GET /api/v1/keys lists them");
    }
  }
}
