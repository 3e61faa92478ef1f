package io.imagesearch.embedded;

import io.imagesearch.application.UploadService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues the bundled demo set: synthetic shapes the bundled model was trained to describe, named by
 * their captions, so a first search on an empty library finds something.
 */
@RestController
@Tag(name = "demo", description = "Demo content for a new, empty library")
class DemoController {

  static final String DEMO_DIR = "demo/";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final UploadService uploads;

  DemoController(UploadService uploads) {
    this.uploads = uploads;
  }

  record DemoResult(int accepted) {}

  @Operation(summary = "Queue the demo images (idempotent: the same bytes give the same ids)")
  @PostMapping("/api/v1/demo")
  @ResponseStatus(HttpStatus.ACCEPTED)
  DemoResult load() {
    JsonNode captions = readCaptions();
    int accepted = 0;
    for (Map.Entry<String, JsonNode> entry : captions.properties()) {
      byte[] bytes = read(DEMO_DIR + entry.getKey());
      uploads.accept(bytes, entry.getValue().asString() + ".png", Set.of("demo"));
      accepted++;
    }
    return new DemoResult(accepted);
  }

  private static JsonNode readCaptions() {
    try (InputStream in = new ClassPathResource(DEMO_DIR + "captions.json").getInputStream()) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the demo set is missing from this build", e);
    }
  }

  private static byte[] read(String path) {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo image " + path, e);
    }
  }
}
