package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class FreeDiskSpaceGuardTest {

  private static final long KB = 1L << 10;
  private static final String SETTING = "imagesearch.storage.min-free-disk";

  private final AtomicLong free = new AtomicLong(100 * KB);
  private final FreeDiskSpaceGuard guard = new FreeDiskSpaceGuard(free::get, 10 * KB, SETTING);

  @Test
  void anUploadThatLeavesTheFloorFreePasses() {
    assertThat(guard.preHandle(post(90 * KB), new MockHttpServletResponse(), this)).isTrue();
  }

  @Test
  void anUploadThatWouldGoBelowTheFloorIsRefusedNamingTheSizesAndTheSetting() {
    assertThatThrownBy(
            () -> guard.preHandle(post(90 * KB + 1), new MockHttpServletResponse(), this))
        .isInstanceOf(FreeDiskSpaceGuard.InsufficientStorageException.class)
        .hasMessageContaining("100 KiB free")
        .hasMessageContaining("(90.0 KiB)")
        .hasMessageContaining("the 10 KiB it keeps free (" + SETTING + ")")
        .hasMessageContaining("Nothing was stored");
  }

  @Test
  void belowTheFloorEvenAnUploadOfUnknownLengthIsRefused() {
    free.set(10 * KB - 1);

    assertThatThrownBy(() -> guard.preHandle(post(-1), new MockHttpServletResponse(), this))
        .isInstanceOf(FreeDiskSpaceGuard.InsufficientStorageException.class);
  }

  @Test
  void otherMethodsPassWhateverTheSpace() {
    free.set(0);

    assertThat(
            guard.preHandle(
                new MockHttpServletRequest("GET", "/api/v1/images"),
                new MockHttpServletResponse(),
                this))
        .isTrue();
  }

  @Test
  void aRealFolderIsCheckedOnItsDisk(@TempDir Path dir) {
    FreeDiskSpaceGuard none = new FreeDiskSpaceGuard(dir.resolve("data"), 0, SETTING);
    FreeDiskSpaceGuard all = new FreeDiskSpaceGuard(dir, Long.MAX_VALUE, SETTING);

    assertThat(none.preHandle(post(1), new MockHttpServletResponse(), this)).isTrue();
    assertThatThrownBy(() -> all.preHandle(post(1), new MockHttpServletResponse(), this))
        .isInstanceOf(FreeDiskSpaceGuard.InsufficientStorageException.class);
  }

  @Test
  void aNegativeFloorIsRefused() {
    assertThatThrownBy(() -> new FreeDiskSpaceGuard(free::get, -1, SETTING))
        .hasMessageContaining(SETTING);
  }

  private static MockHttpServletRequest post(long contentLength) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/images");
    if (contentLength >= 0) {
      request.setContent(new byte[Math.toIntExact(contentLength)]);
    }
    return request;
  }
}
