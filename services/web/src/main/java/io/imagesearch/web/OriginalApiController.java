package io.imagesearch.web;

import io.imagesearch.application.AcceptedUpload;
import io.imagesearch.application.NotFoundException;
import io.imagesearch.application.SearchRequest;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.UploadService;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The routes of the original demo, with exactly its request and response shapes. */
@RestController
@Tag(
    name = "original",
    description = "Routes kept from the original demo; their shapes never change")
public class OriginalApiController {

  private final UploadService uploads;
  private final TaskStatusStore statuses;
  private final SearchService search;
  private final BackpressureGuard backpressure;

  public OriginalApiController(
      UploadService uploads,
      TaskStatusStore statuses,
      SearchService search,
      BackpressureGuard backpressure) {
    this.uploads = uploads;
    this.statuses = statuses;
    this.search = search;
    this.backpressure = backpressure;
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
        uploads.accept(Uploads.bytes(file), file.getOriginalFilename(), Set.of());
    return new TaskRef(accepted.taskId().value());
  }

  @Operation(summary = "Status of an upload's processing")
  @GetMapping("/api/v1/ingest/{taskId}")
  public TaskStatusView status(@PathVariable String taskId) {
    return TaskId.parse(taskId)
        .flatMap(statuses::get)
        .map(TaskStatusView::of)
        .orElseThrow(() -> new NotFoundException("no task with id " + Problems.abbreviate(taskId)));
  }

  @Operation(summary = "Ids of the images best matching a text, best first")
  @GetMapping("/api/v1/image/search")
  public List<String> searchIds(
      @RequestParam String text, @RequestParam(defaultValue = "10") int limit) {
    return search.byText(text, SearchRequest.firstPage(limit)).stream()
        .map(hit -> hit.id().hex())
        .toList();
  }
}
