package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver against a local HTTP server that serves a folder in Hugging Face's URL layout. */
class ModelResolverTest {

  @TempDir Path served;
  @TempDir Path cache;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void serveFolder() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          // /{owner}/{name}/resolve/{revision}/{path} -> served/{owner}/{name}/{revision}/{path}
          String[] parts = exchange.getRequestURI().getPath().substring(1).split("/", 5);
          Path file =
              parts.length == 5 && parts[2].equals("resolve")
                  ? served.resolve(parts[0]).resolve(parts[1]).resolve(parts[3]).resolve(parts[4])
                  : served.resolve(exchange.getRequestURI().getPath().substring(1));
          if (!Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
          }
          byte[] body = Files.readAllBytes(file);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void publishRepo(String repo, String revision) throws IOException {
    for (String file : ModelResolver.HF_ONNX_FILES) {
      Path target = served.resolve(repo).resolve(revision).resolve(file);
      Files.createDirectories(target.getParent());
      Files.writeString(target, "content of " + file);
    }
  }

  @Test
  void downloadsTheOnnxLayoutOnceIntoTheCache() throws IOException {
    publishRepo("immich-app/ViT-B-32__openai", "v1");
    ModelResolver resolver = new ModelResolver(cache, endpoint());
    ModelLocation location = ModelLocation.parse("hf:immich-app/ViT-B-32__openai@v1");

    Path folder = resolver.resolve(location);

    assertThat(folder.resolve("textual/tokenizer.json"))
        .hasContent("content of textual/tokenizer.json");
    assertThat(folder.resolve("visual/model.onnx")).hasContent("content of visual/model.onnx");
    int afterFirst = requests.get();
    // One HEAD to tell the layout, then one GET per file.
    assertThat(afterFirst).isEqualTo(ModelResolver.HF_ONNX_FILES.size() + 1);

    assertThat(resolver.resolve(location)).isEqualTo(folder);
    assertThat(requests.get()).as("a cached model is not downloaded again").isEqualTo(afterFirst);
  }

  @Test
  void aHuggingFaceTransformersExportIsFetchedInItsOwnLayout() throws IOException {
    for (String file : ModelResolver.HF_TRANSFORMERS_ONNX_FILES) {
      Path target = served.resolve("Xenova/clip-vit-base-patch32/main").resolve(file);
      Files.createDirectories(target.getParent());
      Files.writeString(target, "content of " + file);
    }
    ModelResolver resolver = new ModelResolver(cache, endpoint());

    Path folder = resolver.resolve(ModelLocation.parse("hf:Xenova/clip-vit-base-patch32"));

    assertThat(folder.resolve("onnx/text_model.onnx"))
        .hasContent("content of onnx/text_model.onnx");
    assertThat(folder.resolve("preprocessor_config.json")).exists();
  }

  @Test
  void aMissingFileFailsWithWhatToDownloadAndLeavesNoPartialModel() throws IOException {
    publishRepo("owner/model", "main");
    Files.delete(served.resolve("owner/model/main/textual/model.onnx"));
    ModelResolver resolver = new ModelResolver(cache, endpoint());

    assertThatThrownBy(() -> resolver.resolve(ModelLocation.parse("hf:owner/model")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("/owner/model/resolve/main/textual/model.onnx")
        .hasMessageContaining("Download these files");
    try (Stream<Path> left = Files.walk(cache)) {
      assertThat(left.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void unreachableHostSaysWhereToPutTheFiles() {
    ModelResolver resolver = new ModelResolver(cache, URI.create("http://127.0.0.1:1"));

    assertThatThrownBy(() -> resolver.resolve(ModelLocation.parse("hf:owner/model@abc123")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("cannot download")
        .hasMessageContaining(cache.resolve("hf/owner--model/abc123").toString());
  }

  @Test
  void archiveIsVerifiedAgainstItsPinAndUnpacked() throws Exception {
    byte[] zip = zipOf("clip/config.json", "{\"embed_dim\": 4}");
    Files.write(served.resolve("clip.zip"), zip);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
    ModelResolver resolver = new ModelResolver(cache, endpoint());

    Path folder = resolver.resolve(ModelLocation.parse(endpoint() + "/clip.zip#sha256=" + sha));

    assertThat(folder.resolve("config.json")).hasContent("{\"embed_dim\": 4}");
  }

  @Test
  void archiveWithAnotherDigestIsRefused() throws Exception {
    Files.write(served.resolve("clip.zip"), zipOf("clip/config.json", "{}"));
    ModelResolver resolver = new ModelResolver(cache, endpoint());
    String wrong = "0".repeat(64);

    assertThatThrownBy(
            () -> resolver.resolve(ModelLocation.parse(endpoint() + "/clip.zip#sha256=" + wrong)))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("not the pinned " + wrong);
    assertThat(cache.resolve("archives").resolve(wrong)).doesNotExist();
  }

  @Test
  void localFolderMustExist() {
    ModelResolver resolver = new ModelResolver(cache, endpoint());

    assertThatThrownBy(() -> resolver.resolve(ModelLocation.parse("/nonexistent/model")))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("/nonexistent/model does not exist");
  }

  @Test
  void locationsParseOrSayWhatIsExpected() {
    assertThat(ModelLocation.parse("hf:Xenova/clip-vit-base-patch32"))
        .isEqualTo(new ModelLocation.HuggingFaceRepo("Xenova/clip-vit-base-patch32", "main"));
    assertThat(ModelLocation.parse("/models/tiny"))
        .isEqualTo(new ModelLocation.LocalFolder(Path.of("/models/tiny")));
    assertThatThrownBy(() -> ModelLocation.parse("https://example.org/model.zip"))
        .hasMessageContaining("#sha256=");
    assertThatThrownBy(() -> ModelLocation.parse("hf:../../etc"))
        .hasMessageContaining("hf:<owner>/<name>");
  }

  private static byte[] zipOf(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
