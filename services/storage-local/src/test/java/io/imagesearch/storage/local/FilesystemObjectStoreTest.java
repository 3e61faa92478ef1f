package io.imagesearch.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.contract.ObjectStoreContract;
import io.imagesearch.contract.TestImages;
import io.imagesearch.core.port.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilesystemObjectStoreTest extends ObjectStoreContract {

  private static final String HEX = TestImages.id(1).hex();

  @TempDir Path dir;

  private Path root;

  @Override
  protected ObjectStore newStore() throws IOException {
    root = Files.createDirectories(dir.resolve("objects"));
    return new FilesystemObjectStore(root);
  }

  @Test
  void putAllLeavesNoTempFilesAndRefusesAHostileKeyBeforeWritingAny() throws IOException {
    store.putAll(
        List.of(
            new ObjectStore.NewObject(KEY, new byte[] {1}, "image/png"),
            new ObjectStore.NewObject("thumbnails/" + HEX, new byte[] {2}, "image/jpeg")));

    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
    String second = "images/" + TestImages.id(2).hex();
    assertThatThrownBy(
            () ->
                store.putAll(
                    List.of(
                        new ObjectStore.NewObject(second, new byte[] {3}, "image/png"),
                        new ObjectStore.NewObject("../outside", new byte[] {4}, "image/png"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.stat(second)).isEmpty();
  }

  @Test
  void keyMapsToARelativePathUnderTheRoot() throws IOException {
    put(KEY, new byte[] {1, 2, 3}, "image/jpeg");

    assertThat(root.resolve("images").resolve(HEX)).hasBinaryContent(new byte[] {1, 2, 3});
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/etc/passwd",
        "../outside",
        "images/../../outside",
        "images/../thumbs/x",
        "images/..",
        "..",
        ".",
        "images/./x",
        "images\\..\\..\\outside",
        "images//x",
        "images/",
        "/",
        "images/x\0.jpg",
        "C:/windows",
        "images/.hidden",
        "images/x.meta",
      })
  void hostileKeysAreRefusedEverywhere(String key) {
    ObjectStore s = store;
    byte[] bytes = {1};

    for (Runnable call :
        new Runnable[] {
          () -> s.put(key, new ByteArrayInputStream(bytes), 1, "image/jpeg"),
          () -> s.stat(key),
          () -> s.open(key),
          () -> s.delete(key),
        }) {
      assertThatThrownBy(call::run)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid object key");
    }
    assertThat(dir.resolve("outside")).doesNotExist();
  }

  @Test
  void listLeavesOutTempFilesAndDataACrashLeftWithoutItsSidecar() throws IOException {
    put(KEY, new byte[] {1}, "image/png");
    Path images = root.resolve("images");
    Files.write(images.resolve(TestImages.id(2).hex()), new byte[] {2});
    Files.write(images.resolve("." + TestImages.id(3).hex() + ".123.tmp"), new byte[] {3});

    assertThat(store.list("images/", "", 10)).containsExactly(KEY);
    assertThat(store.list("", "", 10)).containsExactly(KEY);
  }

  @Test
  void listWorksThroughASymlinkedRoot() throws IOException {
    put(KEY, new byte[] {1}, "image/png");
    ObjectStore viaLink =
        new FilesystemObjectStore(Files.createSymbolicLink(dir.resolve("l"), root));

    assertThat(viaLink.list("", "", 10)).containsExactly(KEY);
    assertThat(viaLink.list("images/", "", 10)).containsExactly(KEY);
  }

  @Test
  void errorNamesTheKey() {
    assertThatThrownBy(() -> store.stat("images/../../secret"))
        .hasMessageContaining("'images/../../secret'");
  }

  @Test
  void symlinkedRootStillWorks() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link"), root);
    ObjectStore viaLink = new FilesystemObjectStore(link);

    viaLink.put(KEY, new ByteArrayInputStream(new byte[] {5}), 1, "image/png");

    assertThat(store.stat(KEY)).isPresent();
  }

  @Test
  void shorterContentThanDeclaredStoresNothing() {
    assertThatThrownBy(
            () -> store.put(KEY, new ByteArrayInputStream(new byte[] {1, 2}), 3, "image/jpeg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(KEY)
        .hasMessageContaining("declared 3 bytes");

    assertThat(store.stat(KEY)).isEmpty();
    assertThat(filesUnderRoot()).isEmpty();
  }

  @Test
  void longerContentThanDeclaredStoresNothingAndKeepsTheOldObject() throws IOException {
    put(KEY, new byte[] {7}, "image/png");

    assertThatThrownBy(
            () -> store.put(KEY, new ByteArrayInputStream(new byte[] {1, 2, 3}), 2, "image/jpeg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declared 2 bytes");

    assertThat(store.stat(KEY)).contains(new ObjectStore.StoredObject(KEY, "image/png", 1));
    assertThat(read(KEY)).containsExactly(7);
    assertThat(filesUnderRoot()).hasSize(2); // data and sidecar, no temp file
  }

  @Test
  void leftoverTempFilesOfACrashedPutAreNeverVisible() throws IOException {
    Path images = Files.createDirectories(root.resolve("images"));
    // What a crash mid-write leaves: temp files beside where the object would go.
    Files.write(images.resolve("." + HEX + ".12345.tmp"), new byte[] {1, 2});
    Files.write(images.resolve("." + HEX + ".meta.12345.tmp"), new byte[] {3});

    assertThat(store.stat(KEY)).isEmpty();
    assertThat(store.open(KEY)).isEmpty();
    assertThat(store.delete(KEY)).isFalse();

    put(KEY, new byte[] {9, 9, 9}, "image/jpeg");
    assertThat(read(KEY)).containsExactly(9, 9, 9);
  }

  @Test
  void dataRenamedButSidecarNotYetIsNotAnObject() throws IOException {
    Path images = Files.createDirectories(root.resolve("images"));
    Files.write(images.resolve(HEX), new byte[] {1, 2, 3});

    assertThat(store.stat(KEY)).isEmpty();
    assertThat(store.open(KEY)).isEmpty();
  }

  @Test
  void overwriteCutBetweenItsRenamesIsNotExposedHalfWay() throws IOException {
    put(KEY, new byte[] {1, 2, 3}, "image/jpeg");
    // The new, longer data file made it; the sidecar still describes the old one.
    Files.write(root.resolve("images").resolve(HEX), new byte[] {4, 5, 6, 7, 8});

    assertThat(store.stat(KEY)).isEmpty();
    assertThat(store.open(KEY)).isEmpty();

    put(KEY, new byte[] {4, 5, 6, 7, 8}, "image/png");
    assertThat(store.stat(KEY)).contains(new ObjectStore.StoredObject(KEY, "image/png", 5));
  }

  @Test
  void sidecarKeepsTheContentType() throws IOException {
    put(KEY, new byte[] {1}, "image/svg+xml; charset=utf-8");

    ObjectStore reopened = new FilesystemObjectStore(root);

    assertThat(reopened.stat(KEY))
        .contains(new ObjectStore.StoredObject(KEY, "image/svg+xml; charset=utf-8", 1));
  }

  @Test
  void blankContentTypeAndNegativeSizeAreRefused() {
    assertThatThrownBy(() -> store.put(KEY, new ByteArrayInputStream(new byte[0]), 0, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> store.put(KEY, new ByteArrayInputStream(new byte[0]), -1, "image/jpeg"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private java.util.List<Path> filesUnderRoot() {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
