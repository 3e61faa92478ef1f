package io.imagesearch.web;

import io.imagesearch.application.AcceptedUpload;
import io.imagesearch.application.InvalidRequestException;
import io.imagesearch.application.NotFoundException;
import io.imagesearch.application.SearchRequest;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.Tags;
import io.imagesearch.application.UploadService;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.imaging.ImageRejectedException;
import io.imagesearch.imaging.PerceptualHash;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The richer API beside the original routes: batch upload, tasks, search with scores, images. */
@RestController
@Tag(name = "images", description = "Batch upload, tasks, rich search, image metadata")
public class ImagesApiController {

  static final int MAX_FILES_PER_REQUEST = 100;

  private final UploadService uploads;
  private final TaskStatusStore statuses;
  private final SearchService search;
  private final BackpressureGuard backpressure;
  private final ProblemHandler problems = new ProblemHandler();

  public ImagesApiController(
      UploadService uploads,
      TaskStatusStore statuses,
      SearchService search,
      BackpressureGuard backpressure) {
    this.uploads = uploads;
    this.statuses = statuses;
    this.search = search;
    this.backpressure = backpressure;
  }

  public record Accepted(String task_id, String image_id, String file_name, String status_url) {}

  public record Rejected(String file_name, int status, String detail) {}

  public record BatchResult(List<Accepted> accepted, List<Rejected> rejected) {}

  public record TaskView(
      String task_id,
      String status,
      String image_id,
      String file_name,
      String error,
      int attempts,
      String updated_at) {}

  @Operation(
      summary = "Upload several images at once; each file is accepted or rejected on its own")
  @PostMapping(path = "/api/v1/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<?> upload(
      @RequestParam("files") List<MultipartFile> files,
      @RequestParam(name = "tags", required = false) List<String> tags) {
    if (files.isEmpty()) {
      throw new InvalidRequestException(
          "no files: send one or more multipart parts named \"files\"");
    }
    if (files.size() > MAX_FILES_PER_REQUEST) {
      throw new InvalidRequestException(
          "at most " + MAX_FILES_PER_REQUEST + " files per request, got " + files.size());
    }
    backpressure.check();
    Set<String> tagSet = Tags.parse(tags == null ? List.of() : tags);
    List<Accepted> accepted = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (MultipartFile file : files) {
      try {
        AcceptedUpload upload =
            uploads.accept(Uploads.bytes(file), file.getOriginalFilename(), tagSet);
        accepted.add(
            new Accepted(
                upload.taskId().value(),
                upload.imageId().hex(),
                upload.fileName(),
                "/api/v1/tasks/" + upload.taskId().value()));
      } catch (ImageRejectedException e) {
        ProblemDetail problem = problems.rejected(e).getBody();
        rejected.add(new Rejected(file.getOriginalFilename(), problem.getStatus(), e.getMessage()));
      }
    }
    if (accepted.isEmpty()) {
      Rejected first = rejected.getFirst();
      ProblemDetail problem =
          Problems.of(
              HttpStatus.valueOf(first.status()),
              "batch-rejected",
              "no file was accepted: " + first.detail());
      problem.setProperty("rejected", rejected);
      return ResponseEntity.status(first.status())
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new BatchResult(accepted, rejected));
  }

  @Operation(summary = "The most recently updated tasks")
  @GetMapping("/api/v1/tasks")
  public List<TaskView> tasks(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit must be between 1 and 1000, got " + limit);
    }
    return statuses.recent(limit).stream().map(ImagesApiController::view).toList();
  }

  @Operation(summary = "One task with its attempts and error")
  @GetMapping("/api/v1/tasks/{taskId}")
  public TaskView task(@PathVariable String taskId) {
    return TaskId.parse(taskId)
        .flatMap(statuses::get)
        .map(ImagesApiController::view)
        .orElseThrow(() -> new NotFoundException("no task with id " + Problems.abbreviate(taskId)));
  }

  @Operation(summary = "Images matching a text, with scores and metadata")
  @GetMapping("/api/v1/search")
  public ImageViews.SearchResponse searchText(
      @RequestParam String text,
      @RequestParam(defaultValue = "24") int limit,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(name = "mime_type", required = false) List<String> mimeTypes,
      @RequestParam(name = "tag", required = false) List<String> tags,
      @RequestParam(name = "min_score", defaultValue = "-1") float minScore) {
    SearchRequest request =
        SearchParameters.parse(limit, offset, from, to, mimeTypes, tags, minScore);
    return ImageViews.page(search.byText(text, request), limit, offset);
  }

  @Operation(summary = "Images similar to an uploaded one")
  @PostMapping(path = "/api/v1/search/by-image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ImageViews.SearchResponse searchImage(
      @RequestParam("file") MultipartFile file,
      @RequestParam(defaultValue = "24") int limit,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(name = "min_score", defaultValue = "-1") float minScore) {
    SearchRequest request = SearchParameters.parse(limit, offset, null, null, null, null, minScore);
    return ImageViews.page(search.byImage(Uploads.bytes(file), request), limit, offset);
  }

  @Operation(summary = "Metadata of a stored image")
  @GetMapping("/api/v1/images/{id}")
  public ImageViews.ImageView describe(@PathVariable String id) {
    IndexedImage image = search.describe(imageId(id));
    return ImageViews.of(image.id(), image.metadata());
  }

  @Operation(summary = "Images similar to a stored one, itself excluded")
  @GetMapping("/api/v1/images/{id}/similar")
  public ImageViews.SearchResponse similar(
      @PathVariable String id,
      @RequestParam(defaultValue = "12") int limit,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(name = "min_score", defaultValue = "-1") float minScore) {
    SearchRequest request = SearchParameters.parse(limit, offset, null, null, null, null, minScore);
    return ImageViews.page(search.similarTo(imageId(id), request), limit, offset);
  }

  @Operation(summary = "Near-duplicates of a stored image by perceptual hash")
  @GetMapping("/api/v1/images/{id}/duplicates")
  public List<ImageViews.HitView> duplicates(
      @PathVariable String id,
      @RequestParam(
              name = "max_distance",
              defaultValue = "" + PerceptualHash.NEAR_DUPLICATE_DISTANCE)
          int maxDistance) {
    return search.nearDuplicates(imageId(id), maxDistance).stream().map(ImageViews::of).toList();
  }

  @Operation(summary = "Delete an image, its thumbnail and its index entry")
  @DeleteMapping("/api/v1/images/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    search.delete(imageId(id));
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "How many images are indexed")
  @GetMapping("/api/v1/stats")
  public java.util.Map<String, Object> stats() {
    return java.util.Map.of("indexed_images", search.indexedCount());
  }

  private static ImageId imageId(String raw) {
    return ImageId.parse(raw)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no image with id "
                        + Problems.abbreviate(raw)
                        + " (ids are 64 lowercase hex characters)"));
  }

  private static TaskView view(io.imagesearch.core.task.TaskStatus s) {
    return new TaskView(
        s.taskId().value(),
        s.state().name(),
        s.imageId().hex(),
        s.fileName(),
        s.error().orElse(null),
        s.attempts(),
        s.updatedAt().toString());
  }
}
