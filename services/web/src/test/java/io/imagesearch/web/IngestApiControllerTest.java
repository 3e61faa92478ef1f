package io.imagesearch.web;

import static io.imagesearch.web.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskStatus;
import java.awt.Color;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

@WebMvcTest(IngestApiController.class)
@Import(FakePorts.class)
class IngestApiControllerTest {

  private static final String UUID = "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}";
  private static final byte[] RED = TestImages.png(Color.RED);
  private static final byte[] NOT_AN_IMAGE = "plain text".getBytes();

  @Autowired MockMvc mvc;
  @Autowired FakePorts ports;

  @BeforeEach
  void emptyPorts() {
    ports.reset();
  }

  @Test
  void anUploadIsStoredQueuedAndAnsweredWithItsTaskId() throws Exception {
    String body =
        mvc.perform(multipart("/api/v1/ingest").file(file("file", "red.png", RED)))
            .andExpectAll(
                status().isAccepted(),
                content().contentType(MediaType.APPLICATION_JSON),
                jsonPath("$.task_id").value(matchesPattern(UUID)))
            .andReturn()
            .getResponse()
            .getContentAsString();

    IngestTask task = ports.queue.tasks().getFirst();
    assertThat(body).isEqualTo("{\"task_id\":\"" + task.taskId().value() + "\"}");
    assertThat(task.imageId()).isEqualTo(ImageId.of(RED));
    assertThat(task.fileName()).isEqualTo("red.png");
    assertThat(ports.objects.contains(ImageId.of(RED).imageKey())).isTrue();
  }

  @Test
  void theOriginalStatusRouteShowsAPendingTask() throws Exception {
    String taskId = ingest(RED);

    mvc.perform(get("/api/v1/ingest/" + taskId))
        .andExpectAll(
            status().isOk(),
            content()
                .json(
                    "{\"task_id\":\""
                        + taskId
                        + "\",\"status\":\"PENDING\",\"result\":null,"
                        + "\"error\":null}",
                    JsonCompareMode.STRICT));
  }

  @Test
  void aSucceededTaskGivesItsImageIdAsResult() throws Exception {
    TaskStatus done = pendingStatus().succeeded(FakePorts.NOW.plusSeconds(1));
    ports.statuses.put(done);

    mvc.perform(get("/api/v1/ingest/" + done.taskId()))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.status").value("SUCCESS"),
            jsonPath("$.result.image_id").value(done.imageId().hex()),
            jsonPath("$.error").value(nullValue()));
  }

  @Test
  void aFailedTaskGivesItsError() throws Exception {
    TaskStatus failed = pendingStatus().failed("not an image", FakePorts.NOW);
    ports.statuses.put(failed);

    mvc.perform(get("/api/v1/ingest/" + failed.taskId()))
        .andExpectAll(
            jsonPath("$.status").value("FAILURE"),
            jsonPath("$.result").value(nullValue()),
            jsonPath("$.error").value("not an image"));
  }

  @Test
  void unknownAndMalformedTaskIdsAre404() throws Exception {
    mvc.perform(get("/api/v1/ingest/" + TaskId.random()))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", "no task with id"));
    mvc.perform(get("/api/v1/ingest/not-a-task"))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", "not-a-task"));
    mvc.perform(get("/api/v1/tasks/not-a-task"))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", "not-a-task"));
  }

  @Test
  void anUploadWithoutItsPartIs400() throws Exception {
    mvc.perform(multipart("/api/v1/ingest").file(file("image", "red.png", RED)))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "missing-part", "\"file\""));
  }

  @Test
  void aBodyThatIsNotMultipartIs415() throws Exception {
    mvc.perform(post("/api/v1/ingest").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-body", "multipart"));
  }

  @Test
  void refusedImagesGetTheStatusOfTheirReasonAndNothingIsQueued() throws Exception {
    mvc.perform(multipart("/api/v1/ingest").file(file("file", "a.txt", NOT_AN_IMAGE)))
        .andExpectAll(
            problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "image-unsupported_format", ""),
            jsonPath("$.reason").value("UNSUPPORTED_FORMAT"));
    mvc.perform(multipart("/api/v1/ingest").file(file("file", "big.png", TestImages.noisePng())))
        .andExpectAll(
            problem(HttpStatus.CONTENT_TOO_LARGE, "image-too_large", ""),
            jsonPath("$.reason").value("TOO_LARGE"));
    mvc.perform(multipart("/api/v1/ingest").file(file("file", "dot.png", TestImages.tinyPng())))
        .andExpectAll(
            problem(HttpStatus.UNPROCESSABLE_CONTENT, "image-too_small", ""),
            jsonPath("$.reason").value("TOO_SMALL"));

    assertThat(ports.queue.tasks()).isEmpty();
  }

  @Test
  void aFullBacklogIs429WithRetryAfterAndStoresNothing() throws Exception {
    ports.queue.backlogIs(() -> FakePorts.MAX_BACKLOG);

    mvc.perform(multipart("/api/v1/ingest").file(file("file", "red.png", RED)))
        .andExpectAll(
            problem(HttpStatus.TOO_MANY_REQUESTS, "backlog-full", "100 tasks"),
            header().string("Retry-After", "5"));
    assertThat(ports.objects.contains(ImageId.of(RED).imageKey())).isFalse();
  }

  @Test
  void aQueueThatIsDownIs503WithRetryAfter() throws Exception {
    ports.queue.goDown();

    expectUnavailable("task queue");
  }

  @Test
  void aStoreThatIsDownIs503WithRetryAfterAndNoTask() throws Exception {
    ports.objects.goDown();

    expectUnavailable("object store");
    assertThat(ports.queue.tasks()).isEmpty();
  }

  @Test
  void aBatchAcceptsEachGoodFileAndListsEachRefusedOneWithItsStatus() throws Exception {
    mvc.perform(
            batch()
                .file(file("files", "red.png", RED))
                .file(file("files", "a.txt", NOT_AN_IMAGE))
                .file(file("files", "dot.png", TestImages.tinyPng()))
                .param("tags", "Cats, pets"))
        .andExpectAll(
            status().isAccepted(),
            content().contentType(MediaType.APPLICATION_JSON),
            jsonPath("$.accepted.length()").value(1),
            jsonPath("$.accepted[0].image_id").value(ImageId.of(RED).hex()),
            jsonPath("$.accepted[0].file_name").value("red.png"),
            jsonPath("$.accepted[0].status_url").value(matchesPattern("/api/v1/tasks/" + UUID)),
            jsonPath("$.rejected[0].file_name").value("a.txt"),
            jsonPath("$.rejected[0].status").value(415),
            jsonPath("$.rejected[1].file_name").value("dot.png"),
            jsonPath("$.rejected[1].status").value(422),
            jsonPath("$.rejected[1].detail").isNotEmpty());

    assertThat(ports.queue.tasks().getFirst().tags()).isEqualTo(Set.of("cats", "pets"));
  }

  @Test
  void aBatchWithNoAcceptedFileAnswersTheFirstRefusalAsAProblem() throws Exception {
    mvc.perform(
            batch()
                .file(file("files", "big.png", TestImages.noisePng()))
                .file(file("files", "a.txt", NOT_AN_IMAGE)))
        .andExpectAll(
            problem(HttpStatus.CONTENT_TOO_LARGE, "batch-rejected", "no file was accepted"),
            jsonPath("$.rejected.length()").value(2),
            jsonPath("$.rejected[1].status").value(415));
  }

  @Test
  void aBatchOfMoreThanTheLimitIs400() throws Exception {
    MockMultipartHttpServletRequestBuilder request = batch();
    for (int i = 0; i <= IngestApiController.MAX_FILES_PER_REQUEST; i++) {
      request.file(file("files", i + ".png", RED));
    }

    mvc.perform(request)
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "at most 100 files"));
    assertThat(ports.queue.tasks()).isEmpty();
  }

  @Test
  void aBatchIsRefusedWhileTheBacklogIsFull() throws Exception {
    ports.queue.backlogIs(() -> FakePorts.MAX_BACKLOG + 1);

    mvc.perform(batch().file(file("files", "red.png", RED)))
        .andExpectAll(status().isTooManyRequests(), header().string("Retry-After", "5"));
  }

  @Test
  void theTaskListShowsTheMostRecentFirstUpToTheLimit() throws Exception {
    TaskStatus older = pendingStatus();
    TaskStatus newer =
        new TaskStatus(
            TaskId.random(),
            older.state(),
            older.imageId(),
            "newer.png",
            older.error(),
            2,
            FakePorts.NOW.plus(Duration.ofMinutes(1)));
    ports.statuses.put(older);
    ports.statuses.put(newer);

    mvc.perform(get("/api/v1/tasks").param("limit", "1"))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.length()").value(1),
            jsonPath("$[0].task_id").value(newer.taskId().value()),
            jsonPath("$[0].status").value("PENDING"),
            jsonPath("$[0].file_name").value("newer.png"),
            jsonPath("$[0].attempts").value(2),
            jsonPath("$[0].updated_at").value("2026-01-02T03:05:05Z"));
    mvc.perform(get("/api/v1/tasks")).andExpect(jsonPath("$.length()").value(2));
  }

  @Test
  void aTaskListLimitOutOfRangeIs400() throws Exception {
    mvc.perform(get("/api/v1/tasks").param("limit", "0"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "between 1 and 1000"));
    mvc.perform(get("/api/v1/tasks").param("limit", "1001"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "got 1001"));
    mvc.perform(get("/api/v1/tasks").param("limit", "many"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "\"limit\""));
  }

  @Test
  void oneTaskShowsItsAttemptsAndError() throws Exception {
    TaskStatus retrying =
        pendingStatus().started(3, FakePorts.NOW).retrying("timeout", FakePorts.NOW);
    ports.statuses.put(retrying);

    mvc.perform(get("/api/v1/tasks/" + retrying.taskId()))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.task_id").value(retrying.taskId().value()),
            jsonPath("$.image_id").value(retrying.imageId().hex()),
            jsonPath("$.attempts").value(3),
            jsonPath("$.error").value("timeout"),
            jsonPath("$.updated_at").value("2026-01-02T03:04:05Z"));
  }

  private void expectUnavailable(String dependency) throws Exception {
    mvc.perform(multipart("/api/v1/ingest").file(file("file", "red.png", RED)))
        .andExpectAll(
            problem(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", dependency),
            header().string("Retry-After", "5"));
  }

  private String ingest(byte[] bytes) throws Exception {
    mvc.perform(multipart("/api/v1/ingest").file(file("file", "x.png", bytes)))
        .andExpect(status().isAccepted());
    return ports.queue.tasks().getLast().taskId().value();
  }

  private static TaskStatus pendingStatus() {
    return TaskStatus.pending(
        new IngestTask(TaskId.random(), ImageId.of(RED), "red.png", Set.of(), FakePorts.NOW),
        FakePorts.NOW);
  }

  private static MockMultipartHttpServletRequestBuilder batch() {
    return multipart("/api/v1/images");
  }

  private static MockMultipartFile file(String part, String name, byte[] bytes) {
    return new MockMultipartFile(part, name, "application/octet-stream", bytes);
  }
}
