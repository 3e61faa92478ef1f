package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.Test;

class ApiLimitsDocumentationTest {

  @Test
  void theDescriptionStatesTheServersOwnLimits() {
    OpenAPI api = new OpenAPI().info(new Info().title("t").description("Search images."));

    new ApiLimitsDocumentation(
            new HttpLimits(150, 2000), new MultipartConfigElement("", 1000, 5000, 0))
        .customise(api);

    assertThat(api.getInfo().getDescription())
        .startsWith("Search images.\n\n")
        .contains("at most 100 files per request, each at most 1000 bytes, 5000 bytes per request")
        .contains("150 multipart parts")
        .contains("at most 20 per upload, each 1-40 letters")
        .contains("`text` of any length, read up to its first 1000 characters")
        .contains("`limit` 1-200, `offset` 0-10000")
        .contains("at most 2000 query or form parameters");
  }

  @Test
  void withoutMultipartOrInfoItStillSaysWhatItKnows() {
    OpenAPI api = new OpenAPI();

    new ApiLimitsDocumentation(new HttpLimits(120, 1000), null).customise(api);

    assertThat(api.getInfo().getDescription())
        .contains("at most 100 files per request, and 120 multipart parts");
  }
}
