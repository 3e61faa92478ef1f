package io.imagesearch.embedder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ModelLocation} into a local folder: folders are used as they are; archives and
 * Hugging Face files are downloaded once into the cache, atomically (a partial download is never
 * taken for a complete one), with progress in the log. When the network is unreachable, the error
 * lists exactly which files to fetch and where to put them.
 */
public final class ModelResolver {

  private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);

  /** Files of the immich / open_clip ONNX layout. */
  static final List<String> HF_ONNX_FILES =
      List.of(
          "config.json",
          "visual/model.onnx",
          "visual/preprocess_cfg.json",
          "textual/model.onnx",
          "textual/tokenizer.json",
          "textual/tokenizer_config.json");

  /** Files of the Hugging Face ONNX layout (as in Xenova/clip-vit-base-patch32). */
  static final List<String> HF_TRANSFORMERS_ONNX_FILES =
      List.of(
          "config.json",
          "preprocessor_config.json",
          "tokenizer.json",
          "onnx/vision_model.onnx",
          "onnx/text_model.onnx");

  private final Path cacheDir;
  private final URI huggingFaceEndpoint;
  private final HttpClient http;

  public ModelResolver(Path cacheDir, URI huggingFaceEndpoint) {
    this.cacheDir = cacheDir;
    this.huggingFaceEndpoint = huggingFaceEndpoint;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public static ModelResolver withDefaults(Path cacheDir) {
    return new ModelResolver(cacheDir, URI.create("https://huggingface.co"));
  }

  public Path resolve(ModelLocation location) {
    return switch (location) {
      case ModelLocation.LocalFolder folder -> requireFolder(folder.path());
      case ModelLocation.HuggingFaceRepo repo -> fetchHuggingFace(repo);
      case ModelLocation.Archive archive -> fetchArchive(archive);
    };
  }

  private static Path requireFolder(Path path) {
    if (!Files.isDirectory(path)) {
      throw new InvalidModelException(
          "model folder "
              + path.toAbsolutePath()
              + " does not exist: point the model location at a"
              + " folder with config.json, visual/ and textual/ (or torchscript/)");
    }
    return path;
  }

  private Path fetchHuggingFace(ModelLocation.HuggingFaceRepo repo) {
    Path target =
        cacheDir
            .resolve("hf")
            .resolve(repo.repoId().replace("/", "--"))
            .resolve(safe(repo.revision()));
    if (Files.isDirectory(target)) {
      return target;
    }
    Path staging = tempSibling(target);
    try {
      List<String> layout =
          exists(fileUrl(repo, "visual/model.onnx")) ? HF_ONNX_FILES : HF_TRANSFORMERS_ONNX_FILES;
      for (String file : layout) {
        download(fileUrl(repo, file), staging.resolve(file), null, () -> offlineHint(repo, target));
      }
      moveIntoPlace(staging, target);
      return target;
    } finally {
      deleteTree(staging);
    }
  }

  private Path fetchArchive(ModelLocation.Archive archive) {
    Path target = cacheDir.resolve("archives").resolve(archive.sha256());
    if (Files.isDirectory(target)) {
      return target;
    }
    Path staging = tempSibling(target);
    try {
      String name = archive.url().getPath().toLowerCase(Locale.ROOT);
      Path file = staging.resolve("download" + (name.endsWith(".zip") ? ".zip" : ".tar.gz"));
      download(
          archive.url(),
          file,
          archive.sha256(),
          () ->
              "Download "
                  + archive.url()
                  + " yourself, check its sha256 is "
                  + archive.sha256()
                  + ", unpack it into "
                  + target
                  + " and start again.");
      Path unpacked = staging.resolve("unpacked");
      ArchiveUnpacker.unpack(file, unpacked);
      moveIntoPlace(ArchiveUnpacker.singleTopFolder(unpacked), target);
      return target;
    } finally {
      deleteTree(staging);
    }
  }

  private URI fileUrl(ModelLocation.HuggingFaceRepo repo, String file) {
    return huggingFaceEndpoint.resolve(
        "/" + repo.repoId() + "/resolve/" + repo.revision() + "/" + file);
  }

  /**
   * Whether the repository has this file; an unreachable host counts as yes, so the download
   * reports it.
   */
  private boolean exists(URI url) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(url)
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() != 404;
    } catch (IOException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private String offlineHint(ModelLocation.HuggingFaceRepo repo, Path target) {
    String files =
        HF_ONNX_FILES.stream()
            .map(
                f ->
                    "  "
                        + huggingFaceEndpoint
                        + "/"
                        + repo.repoId()
                        + "/resolve/"
                        + repo.revision()
                        + "/"
                        + f)
            .collect(Collectors.joining("\n"));
    return "Download these files:\n"
        + files
        + "\ninto "
        + target
        + " keeping their relative paths, or set the model location to a folder that has them.";
  }

  private void download(URI url, Path destination, String expectedSha256, HintSupplier hint) {
    try {
      Files.createDirectories(destination.getParent());
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        throw new InvalidModelException(
            "downloading "
                + url
                + " failed with HTTP "
                + response.statusCode()
                + ". "
                + hint.get());
      }
      long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(response.body(), sha256);
          OutputStream out = Files.newOutputStream(destination)) {
        copyWithProgress(url, in, out, total);
      }
      String actual = HexFormat.of().formatHex(sha256.digest());
      if (expectedSha256 != null && !expectedSha256.equals(actual)) {
        throw new InvalidModelException(
            url
                + " has sha256 "
                + actual
                + ", not the pinned "
                + expectedSha256
                + ": the file changed or the pin is wrong.");
      }
    } catch (IOException e) {
      throw new InvalidModelException("cannot download " + url + " (" + e + "). " + hint.get(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidModelException("interrupted while downloading " + url, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void copyWithProgress(URI url, InputStream in, OutputStream out, long total)
      throws IOException {
    byte[] buffer = new byte[1 << 16];
    long copied = 0;
    long nextReport = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      out.write(buffer, 0, read);
      copied += read;
      if (copied >= nextReport) {
        LOG.info(
            "Downloading {}: {} MB{}",
            url,
            copied >> 20,
            total > 0 ? " of " + (total >> 20) + " MB (" + (100 * copied / total) + "%)" : "");
        nextReport = copied + (16L << 20);
      }
    }
  }

  private Path tempSibling(Path target) {
    try {
      Files.createDirectories(target.getParent());
      return Files.createTempDirectory(target.getParent(), ".partial-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the model cache " + cacheDir, e);
    }
  }

  /** Renames the finished folder into place; a concurrent winner's copy is kept. */
  private static void moveIntoPlace(Path finished, Path target) {
    try {
      Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new UncheckedIOException("the model cache must be on one file system", e);
    } catch (IOException e) {
      if (!Files.isDirectory(target)) {
        throw new UncheckedIOException("cannot move the model into " + target, e);
      }
    }
  }

  private static String safe(String revision) {
    return revision.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not clean up {}", root, e);
    }
  }

  @FunctionalInterface
  private interface HintSupplier {
    String get();
  }
}
