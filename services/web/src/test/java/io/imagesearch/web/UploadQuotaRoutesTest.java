package io.imagesearch.web;

import static io.imagesearch.web.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.application.QuotaExceededException;
import io.imagesearch.application.UploadAllowance;
import io.imagesearch.application.UploadQuotas;
import io.imagesearch.core.image.ImageId;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The upload and delete routes with a quota of one image for every caller. */
@WebMvcTest({IngestApiController.class, SearchApiController.class})
@Import({FakePorts.class, UploadQuotaRoutesTest.OneImageEach.class})
class UploadQuotaRoutesTest {

  private static final byte[] RED = TestImages.png(Color.RED);
  private static final byte[] GREEN = TestImages.png(Color.GREEN);

  @Autowired MockMvc mvc;
  @Autowired FakePorts ports;
  @Autowired OneImageEach quotas;

  @BeforeEach
  void reset() {
    ports.reset();
    quotas.held.clear();
    quotas.released.clear();
  }

  @Test
  void aBatchOverTheQuotaAcceptsWhatFitsAndRefusesTheRestWith429() throws Exception {
    mvc.perform(
            multipart("/api/v1/images")
                .file(file("files", "red.png", RED))
                .file(file("files", "green.png", GREEN)))
        .andExpectAll(
            status().isAccepted(),
            jsonPath("$.accepted.length()").value(1),
            jsonPath("$.accepted[0].file_name").value("red.png"),
            jsonPath("$.rejected[0].file_name").value("green.png"),
            jsonPath("$.rejected[0].status").value(429),
            jsonPath("$.rejected[0].detail").value("one image each (max_images)"));

    assertThat(ports.objects.contains(ImageId.of(GREEN).imageKey())).isFalse();
  }

  @Test
  void aSingleUploadOverTheQuotaIs429NamingTheQuota() throws Exception {
    mvc.perform(multipart("/api/v1/ingest").file(file("file", "red.png", RED)))
        .andExpect(status().isAccepted());

    mvc.perform(multipart("/api/v1/ingest").file(file("file", "green.png", GREEN)))
        .andExpectAll(
            problem(HttpStatus.TOO_MANY_REQUESTS, "quota-exceeded", "one image each"),
            jsonPath("$.quota").value("max_images"));
  }

  @Test
  void deletingAnImageGivesItsRoomBack() throws Exception {
    mvc.perform(multipart("/api/v1/ingest").file(file("file", "red.png", RED)))
        .andExpect(status().isAccepted());

    mvc.perform(delete("/api/v1/images/" + ImageId.of(RED).hex()))
        .andExpect(status().isNoContent());

    assertThat(quotas.released).containsExactly(ImageId.of(RED));
  }

  @Test
  void aFailedDeleteGivesNothingBack() throws Exception {
    mvc.perform(delete("/api/v1/images/" + ImageId.of(GREEN).hex()))
        .andExpect(status().isNotFound());

    assertThat(quotas.released).isEmpty();
  }

  private static MockMultipartFile file(String field, String name, byte[] content) {
    return new MockMultipartFile(field, name, "image/png", content);
  }

  /** Every caller may hold one image; records what deletes release. Imported, it is the bean. */
  @TestConfiguration(proxyBeanMethods = false)
  static class OneImageEach implements UploadQuotas, UploadAllowance {
    final Set<ImageId> held = new LinkedHashSet<>();
    final List<ImageId> released = new ArrayList<>();

    @Override
    public UploadAllowance ofCurrentCaller() {
      return this;
    }

    @Override
    public void released(ImageId image) {
      released.add(image);
      held.remove(image);
    }

    @Override
    public boolean take(ImageId image, long bytes) {
      if (held.contains(image)) {
        return false;
      }
      if (!held.isEmpty()) {
        throw new QuotaExceededException("max_images", "one image each (max_images)");
      }
      return held.add(image);
    }

    @Override
    public void giveBack(ImageId image) {
      held.remove(image);
    }
  }
}
