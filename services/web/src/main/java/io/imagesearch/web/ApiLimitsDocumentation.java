package io.imagesearch.web;

import io.imagesearch.application.SearchRequest;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.Tags;
import io.imagesearch.application.UploadService;
import io.imagesearch.core.search.TagShape;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import jakarta.servlet.MultipartConfigElement;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The request limits in the API documentation, read from what this server enforces (its settings
 * and the constants the use cases check), so the documentation cannot state other limits.
 */
final class ApiLimitsDocumentation implements OpenApiCustomizer {

  private final HttpLimits limits;
  private final MultipartConfigElement multipart;

  /**
   * @param multipart the multipart limits the container applies; null when multipart is off
   */
  ApiLimitsDocumentation(HttpLimits limits, MultipartConfigElement multipart) {
    this.limits = limits;
    this.multipart = multipart;
  }

  @Override
  public void customise(OpenAPI api) {
    if (api.getInfo() == null) {
      api.setInfo(new Info().title("Image Search").version("v1"));
    }
    String before = api.getInfo().getDescription();
    api.getInfo().setDescription((before == null ? "" : before + "\n\n") + description());
  }

  String description() {
    return String.join(
        "\n",
        "Errors are `application/problem+json` (RFC 9457). The limits of this server:",
        "",
        "- uploads: at most "
            + IngestApiController.MAX_FILES_PER_REQUEST
            + " files per request"
            + bytes(", each at most ", multipart == null ? -1 : multipart.getMaxFileSize(), "")
            + bytes(", ", multipart == null ? -1 : multipart.getMaxRequestSize(), " per request")
            + ", and "
            + limits.maxParts()
            + " multipart parts (files and `tags` fields) per request (413 beyond)",
        "- tags: at most "
            + Tags.MAX_TAGS
            + " per upload, each 1-"
            + TagShape.MAX_LENGTH
            + " letters (with their accents and other combining marks), digits, `_`, `.`, `:` or"
            + " `-`, starting with a letter or digit",
        "- search: `text` of any length, read up to its first "
            + SearchService.MAX_QUERY_LENGTH
            + " characters (the model reads its first 77 tokens), `limit` 1-"
            + SearchRequest.MAX_LIMIT
            + ", `offset` 0-"
            + SearchRequest.MAX_OFFSET
            + ", `min_score` -1 to 1 (or `auto` on `/api/v1/search`)",
        "- tasks: `limit` 1-" + UploadService.MAX_RECENT_TASKS,
        "- every request: at most "
            + limits.maxParameters()
            + " query or form parameters (400 beyond)");
  }

  /** A byte limit in its phrase; nothing when there is none (a negative limit). */
  private static String bytes(String before, long limit, String after) {
    return limit < 0 ? "" : before + limit + " bytes" + after;
  }
}
