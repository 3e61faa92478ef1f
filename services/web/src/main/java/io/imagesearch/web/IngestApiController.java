package io.imagesearch.web;

import io.imagesearch.application.AcceptedUpload;
import io.imagesearch.application.InvalidRequestException;
import io.imagesearch.application.NotFoundException;
import io.imagesearch.application.Tags;
import io.imagesearch.application.UploadQuotas;
import io.imagesearch.application.UploadService;
import io.imagesearch.core.search.TagShape;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads and their tasks: the original routes ({@code /api/v1/ingest}) with exactly their shapes,
 * and batch upload and task listing beside them.
 */
@RestController
@Tag(name = "ingest", description = "Uploads and the status of their processing")
public class IngestApiController {

  static final int MAX_FILES_PER_REQUEST = 100;

  private final UploadService uploads;
  private final BackpressureGuard backpressure;
  private final UploadQuotas quotas;

  /**
   * @param quotas the uploaders' quotas, when the app has them (API keys with a quota)
   */
  public IngestApiController(
      UploadService uploads, BackpressureGuard backpressure, ObjectProvider<UploadQuotas> quotas) {
    this.uploads = uploads;
    this.backpressure = backpressure;
    this.quotas = quotas.getIfAvailable(() -> UploadQuotas.NONE);
  }

  /** Response of the original upload route. */
  public record TaskRef(String task_id) {}

  /** The original task status: status is one of PENDING, STARTED, SUCCESS, FAILURE. */
  public record TaskStatusView(String task_id, TaskState status, Object result, String error) {
    static TaskStatusView of(TaskStatus s) {
      Object result = s.state() == TaskState.SUCCESS ? Map.of("image_id", s.imageId().hex()) : null;
      return new TaskStatusView(s.taskId().value(), s.state(), result, s.error().orElse(null));
    }
  }

  @Operation(summary = "Upload one image; processing continues in the background")
  @PostMapping(path = "/api/v1/ingest", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  public TaskRef ingest(@RequestParam("file") MultipartFile file) {
    backpressure.check();
    AcceptedUpload accepted =
        uploads.accept(
            Uploads.bytes(file), file.getOriginalFilename(), Set.of(), quotas.ofCurrentCaller());
    return new TaskRef(accepted.taskId().value());
  }

  @Operation(summary = "Status of an upload's processing")
  @GetMapping("/api/v1/ingest/{taskId}")
  public TaskStatusView status(@PathVariable String taskId) {
    return TaskStatusView.of(statusOf(taskId));
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
      @Parameter(
              description =
                  "The images, 1 to "
                      + MAX_FILES_PER_REQUEST
                      + " parts named files; the API description gives the size limits")
          @RequestParam("files")
          List<MultipartFile> files,
      @Parameter(
              description =
                  "Tags for every file, repeated or comma-separated; at most "
                      + Tags.MAX_TAGS
                      + ", each 1-"
                      + TagShape.MAX_LENGTH
                      + " letters (with combining marks), digits, '_', '.', ':' or '-'")
          @RequestParam(name = "tags", required = false)
          List<String> tags) {
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
    UploadService.BatchOutcome outcome =
        uploads.acceptAll(
            files.stream()
                .map(
                    file ->
                        new UploadService.Upload(
                            () -> Uploads.bytes(file), file.getOriginalFilename()))
                .toList(),
            tagSet,
            quotas.ofCurrentCaller());
    List<Accepted> accepted = new ArrayList<>();
    for (AcceptedUpload upload : outcome.accepted()) {
      accepted.add(
          new Accepted(
              upload.taskId().value(),
              upload.imageId().hex(),
              upload.fileName(),
              "/api/v1/tasks/" + upload.taskId().value()));
    }
    List<Rejected> rejected = new ArrayList<>();
    for (UploadService.Refused refused : outcome.refused()) {
      rejected.add(
          new Rejected(
              refused.fileName(),
              Refusals.status(refused.reason()).value(),
              refused.reason().getMessage()));
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
  public List<TaskView> tasks(
      @Parameter(
              description = "Tasks returned, 1 to " + UploadService.MAX_RECENT_TASKS,
              schema = @Schema(minimum = "1", maximum = "" + UploadService.MAX_RECENT_TASKS))
          @RequestParam(defaultValue = "50")
          int limit) {
    return uploads.recentTasks(limit).stream().map(IngestApiController::view).toList();
  }

  @Operation(summary = "One task with its attempts and error")
  @GetMapping("/api/v1/tasks/{taskId}")
  public TaskView task(@PathVariable String taskId) {
    return view(statusOf(taskId));
  }

  private TaskStatus statusOf(String taskId) {
    return TaskId.parse(taskId)
        .flatMap(uploads::status)
        .orElseThrow(() -> new NotFoundException("no task with id " + Problems.abbreviate(taskId)));
  }

  private static TaskView view(TaskStatus s) {
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
