package io.imagesearch.web;

import io.imagesearch.application.InvalidRequestException;
import io.imagesearch.application.NotFoundException;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.ObjectStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Serves originals and thumbnails. Ids are content hashes, so a URL's bytes never change: the id is
 * a strong ETag and the response may be cached forever. GET and HEAD, conditional requests (304,
 * {@code If-None-Match: *} included) and byte ranges (206; 416 without the image) are handled.
 */
@RestController
@Tag(name = "delivery", description = "Image bytes and thumbnails")
public class ImageDeliveryController {

  private static final Logger LOG = LoggerFactory.getLogger(ImageDeliveryController.class);

  private static final CacheControl FOREVER =
      CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

  private final ObjectStore objects;

  public ImageDeliveryController(ObjectStore objects) {
    this.objects = objects;
  }

  @Operation(summary = "The original bytes of an image, with its stored content type")
  @GetMapping("/images/{id}")
  public ResponseEntity<?> image(@PathVariable String id, WebRequest request) {
    return serve(id, request, ImageId::imageKey, "");
  }

  @Operation(
      summary =
          "A thumbnail, longest side at most 320 px: PNG for PNG, GIF and BMP originals, JPEG"
              + " otherwise, or the original itself when it fits and is smaller")
  @GetMapping("/thumbnails/{id}")
  public ResponseEntity<?> thumbnail(
      @PathVariable String id,
      @Parameter(
              description =
                  "1x, or 2x for the thumbnail of twice the side (high-density screens); an image"
                      + " no larger than the 1x thumbnail, or stored before 2x ones were made,"
                      + " answers with its 1x thumbnail")
          @RequestParam(defaultValue = "1x")
          String size,
      WebRequest request) {
    if (!size.equals("1x") && !size.equals("2x")) {
      throw new InvalidRequestException(
          "size must be 1x or 2x, got \"" + Problems.abbreviate(size) + "\"");
    }
    if (size.equals("2x")) {
      ImageId parsed = ImageId.parse(id).orElseThrow(() -> notFound(id));
      Optional<ObjectStore.StoredObject> doubled = objects.stat(parsed.doubleThumbnailKey());
      if (doubled.isPresent()) {
        return serve(parsed, request, "-thumb2x", doubled::get);
      }
    }
    return serve(id, request, ImageId::thumbnailKey, "-thumb");
  }

  private ResponseEntity<?> serve(
      String rawId, WebRequest request, Function<ImageId, String> key, String etagSuffix) {
    ImageId id = ImageId.parse(rawId).orElseThrow(() -> notFound(rawId));
    return serve(
        id,
        request,
        etagSuffix,
        () -> objects.stat(key.apply(id)).orElseThrow(() -> notFound(rawId)));
  }

  /**
   * @param lookup the stored object, looked up only when the request's ETag does not match
   */
  private ResponseEntity<?> serve(
      ImageId id,
      WebRequest request,
      String etagSuffix,
      Supplier<ObjectStore.StoredObject> lookup) {
    String etag = "\"" + id.hex() + etagSuffix + "\"";
    // The ETag names the bytes, so a match needs no look-up in the store.
    if (request.checkNotModified(etag)) {
      return notModified(etag);
    }
    ObjectStore.StoredObject object = lookup.get();
    // "*" matches any current representation (RFC 9110 13.1.2), known to exist only now.
    if (ifNoneMatchAny(request)) {
      return notModified(etag);
    }
    StoredObjectResource bytes = new StoredObjectResource(objects, object);
    String range = request.getHeader(HttpHeaders.RANGE);
    if (range != null && !satisfiable(range, bytes)) {
      return unsatisfiableRange(range, object.size());
    }
    return cacheable(ResponseEntity.ok(), etag)
        .contentType(MediaType.parseMediaType(object.contentType()))
        .contentLength(object.size())
        .body(bytes);
  }

  private static boolean ifNoneMatchAny(WebRequest request) {
    String[] values = request.getHeaderValues(HttpHeaders.IF_NONE_MATCH);
    return values != null
        && Arrays.stream(values)
            .flatMap(value -> Arrays.stream(value.split(",")))
            .anyMatch(tag -> tag.strip().equals("*"));
  }

  /**
   * Whether Spring MVC can answer the Range header with 206: the same parsing and checks, and at
   * least one range ({@code bytes=} alone would be a 206 of nothing).
   */
  private static boolean satisfiable(String range, Resource bytes) {
    try {
      return !HttpRange.toResourceRegions(HttpRange.parseRanges(range), bytes).isEmpty();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A client that went away mid-image (a closed tab, a thumbnail scrolled past) is normal traffic:
   * a DEBUG line, and no problem body written into what was an image response. Declaring the
   * response marks the request handled, so nothing else is rendered.
   */
  @ExceptionHandler(AsyncRequestNotUsableException.class)
  void clientWentAway(AsyncRequestNotUsableException e, HttpServletResponse response) {
    LOG.debug("Client went away during an image response: {}", e.getMessage());
  }

  private static ResponseEntity<Void> notModified(String etag) {
    return cacheable(ResponseEntity.status(HttpStatus.NOT_MODIFIED), etag).build();
  }

  /** The headers a 200 and a 304 of the same URL share. */
  private static ResponseEntity.BodyBuilder cacheable(
      ResponseEntity.BodyBuilder builder, String etag) {
    return builder.eTag(etag).cacheControl(FOREVER).header("X-Content-Type-Options", "nosniff");
  }

  /**
   * 416 with the length the client may ask for (RFC 9110 15.5.17) and a problem body, never the
   * image: Spring MVC would otherwise send the whole resource with the 416 status.
   */
  private static ResponseEntity<ProblemDetail> unsatisfiableRange(String range, long length) {
    return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
        .header(HttpHeaders.CONTENT_RANGE, "bytes */" + length)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(
            Problems.of(
                HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                "range-not-satisfiable",
                "the range \""
                    + Problems.abbreviate(range)
                    + "\" does not fit the "
                    + length
                    + " bytes of this image: ask for bytes=first-last with first below "
                    + length));
  }

  private static NotFoundException notFound(String rawId) {
    return new NotFoundException(
        "no image with id "
            + Problems.abbreviate(rawId)
            + " (ids are 64 lowercase hex characters)");
  }
}
