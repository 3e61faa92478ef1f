package io.imagesearch.web;

import io.imagesearch.application.DependencyUnavailableException;
import io.imagesearch.application.InvalidRequestException;
import io.imagesearch.application.NotFoundException;
import io.imagesearch.core.port.IndexUnavailableException;
import io.imagesearch.imaging.ImageRejectedException;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;

/** Routes that fail the way the real ones can, for the problem handler's slice. */
@RestController
class FailingRoutes {

  @GetMapping("/failing/invalid")
  String invalid() {
    throw new InvalidRequestException("limit must be between 1 and 200, got 0");
  }

  @GetMapping("/failing/not-found")
  String notFound() {
    throw new NotFoundException("no image with id abc");
  }

  @GetMapping("/failing/rejected/{reason}")
  String rejected(@PathVariable ImageRejectedException.Reason reason) {
    throw new ImageRejectedException(reason, "the image was refused: " + reason);
  }

  @GetMapping("/failing/disk")
  String disk() {
    throw new FreeDiskSpaceGuard.InsufficientStorageException("the server's disk has 3 bytes free");
  }

  @GetMapping("/failing/backlog")
  String backlog() {
    throw new BackpressureGuard.BacklogFullException(12, 10);
  }

  @GetMapping("/failing/unavailable")
  String unavailable() {
    throw new DependencyUnavailableException(
        "vector index", new IOException("connection refused by 10.0.0.7:19530"));
  }

  @GetMapping("/failing/index")
  String indexUnavailable() {
    throw new IndexUnavailableException(
        "Milvus failed to search (uri http://10.0.0.7:19530)", new IOException("unavailable"));
  }

  @PostMapping("/failing/upload-too-large")
  String uploadTooLarge() {
    throw new MaxUploadSizeExceededException(1024);
  }

  @PostMapping("/failing/bad-multipart")
  String badMultipart() {
    throw new MultipartException("stream ended unexpectedly");
  }

  @GetMapping("/failing/count")
  int count(@RequestParam int n) {
    return n;
  }

  @PostMapping(path = "/failing/part", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  long part(@RequestParam("file") MultipartFile file) {
    return file.getSize();
  }

  @GetMapping(path = "/failing/json", produces = MediaType.APPLICATION_JSON_VALUE)
  String json() {
    return "{}";
  }

  /** What Tomcat throws when a parameter is read: {@code query} as its parser meets it. */
  @GetMapping("/failing/parameters")
  String parameters(@RequestParam String query) {
    throw TomcatFailures.parsing(query);
  }

  @PostMapping("/failing/too-many-parts")
  String tooManyParts() {
    throw TomcatFailures.tooManyParts(120);
  }

  @GetMapping("/failing/unexpected")
  String unexpected() {
    throw new IllegalStateException("secret internals at db-7.internal");
  }
}
