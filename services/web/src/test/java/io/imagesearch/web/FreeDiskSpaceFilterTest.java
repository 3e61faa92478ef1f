package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class FreeDiskSpaceFilterTest {

  private static final long KB = 1L << 10;
  private static final String SETTING = "imagesearch.storage.min-free-disk";

  private final AtomicLong free = new AtomicLong(100 * KB);
  private final FreeDiskSpaceFilter filter = new FreeDiskSpaceFilter(free::get, 10 * KB, SETTING);

  @Test
  void anUploadThatLeavesTheFloorFreePasses() throws Exception {
    Result result = post(90 * KB);

    assertThat(result.passed()).isTrue();
  }

  @Test
  void anUploadThatWouldGoBelowTheFloorIs507BeforeItsBodyIsRead() throws Exception {
    Result result = post(90 * KB + 1);

    assertThat(result.passed()).isFalse();
    assertThat(result.response().getStatus()).isEqualTo(507);
    ProblemDetail problem =
        (ProblemDetail) result.request().getAttribute(ProblemErrorController.REFUSAL);
    assertThat(problem.getType().toString()).endsWith("/insufficient-storage");
    assertThat(problem.getDetail())
        .contains("100.0 KB free")
        .contains("(90.0 KB)")
        .contains("the 10.0 KB it keeps free (" + SETTING + ")")
        .contains("Nothing was stored");
  }

  @Test
  void belowTheFloorEvenAnUploadOfUnknownLengthIsRefused() throws Exception {
    free.set(10 * KB - 1);

    Result result = post(-1);

    assertThat(result.response().getStatus()).isEqualTo(507);
  }

  @Test
  void otherMethodsPassWhateverTheSpace() throws Exception {
    free.set(0);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/images");
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(chain.getRequest()).isNotNull();
  }

  @Test
  void aRealFolderReportsTheFreeSpaceOfItsDisk(@TempDir Path dir) throws Exception {
    FreeDiskSpaceFilter none = new FreeDiskSpaceFilter(dir.resolve("data"), 0, SETTING);
    FreeDiskSpaceFilter all = new FreeDiskSpaceFilter(dir, Long.MAX_VALUE, SETTING);

    assertThat(run(none, 1).passed()).isTrue();
    assertThat(run(all, 1).response().getStatus()).isEqualTo(507);
  }

  @Test
  void aNegativeFloorIsRefused() {
    assertThatThrownBy(() -> new FreeDiskSpaceFilter(free::get, -1, SETTING))
        .hasMessageContaining(SETTING);
  }

  @Test
  void sizesReadInBinaryUnits() {
    assertThat(FreeDiskSpaceFilter.size(512)).isEqualTo("512 bytes");
    assertThat(FreeDiskSpaceFilter.size(1536)).isEqualTo("1.5 KB");
    assertThat(FreeDiskSpaceFilter.size(1L << 30)).isEqualTo("1.0 GB");
  }

  private record Result(
      MockHttpServletRequest request, MockHttpServletResponse response, boolean passed) {}

  private Result post(long contentLength) throws ServletException, IOException {
    return run(filter, contentLength);
  }

  private static Result run(FreeDiskSpaceFilter filter, long contentLength)
      throws ServletException, IOException {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/images");
    if (contentLength >= 0) {
      request.setContent(new byte[Math.toIntExact(contentLength)]);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    return new Result(request, response, chain.getRequest() != null);
  }
}
