package io.imagesearch.web;

import io.imagesearch.application.NotFoundException;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.ObjectStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * Serves originals and thumbnails. Ids are content hashes, so a URL's bytes never change: the id is
 * a strong ETag and the response may be cached forever. GET and HEAD, conditional requests (304)
 * and byte ranges (206) are handled.
 */
@RestController
@Tag(name = "delivery", description = "Image bytes and thumbnails")
public class ImageDeliveryController {

  private static final CacheControl FOREVER =
      CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

  private final ObjectStore objects;

  public ImageDeliveryController(ObjectStore objects) {
    this.objects = objects;
  }

  @Operation(summary = "The original bytes of an image, with its stored content type")
  @GetMapping("/images/{id}")
  public ResponseEntity<Resource> image(@PathVariable String id, WebRequest request) {
    return serve(id, request, ImageId::imageKey, "");
  }

  @Operation(summary = "A JPEG thumbnail (longest side at most 320 px)")
  @GetMapping("/thumbnails/{id}")
  public ResponseEntity<Resource> thumbnail(@PathVariable String id, WebRequest request) {
    return serve(id, request, ImageId::thumbnailKey, "-thumb");
  }

  private ResponseEntity<Resource> serve(
      String rawId, WebRequest request, Function<ImageId, String> key, String etagSuffix) {
    ImageId id = ImageId.parse(rawId).orElseThrow(() -> notFound(rawId));
    String etag = "\"" + id.hex() + etagSuffix + "\"";
    if (request.checkNotModified(etag)) {
      return ResponseEntity.status(304).eTag(etag).cacheControl(FOREVER).build();
    }
    ObjectStore.StoredObject object =
        objects.stat(key.apply(id)).orElseThrow(() -> notFound(rawId));
    return ResponseEntity.ok()
        .eTag(etag)
        .cacheControl(FOREVER)
        .contentType(MediaType.parseMediaType(object.contentType()))
        .contentLength(object.size())
        .header("X-Content-Type-Options", "nosniff")
        .body(new StoredObjectResource(objects, object));
  }

  private static NotFoundException notFound(String rawId) {
    return new NotFoundException(
        "no image with id "
            + Problems.abbreviate(rawId)
            + " (ids are 64 lowercase hex characters)");
  }
}
