package io.imagesearch.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.model.GoldenQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenQueriesFileTest {

  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @TempDir Path dir;

  private GoldenQueriesFile file(String json) throws IOException {
    Path path = dir.resolve("golden-queries.json");
    Files.writeString(path, json);
    return new GoldenQueriesFile(path);
  }

  @Test
  void eachQueryTextWithItsImages() throws IOException {
    assertThat(
            file("{\"a red bicycle\": [\"" + A + "\", \"" + B + "\"], \"a cat\": [\"" + B + "\"]}")
                .get())
        .containsExactly(
            new GoldenQuery("a red bicycle", Set.of(new ImageId(A), new ImageId(B))),
            new GoldenQuery("a cat", Set.of(new ImageId(B))));
  }

  @Test
  void noFileMeansNoGoldenQueries() {
    assertThat(new GoldenQueriesFile(dir.resolve("none.json")).get()).isEmpty();
  }

  @Test
  void whatIsWrongInAFileIsNamed() throws IOException {
    assertThatThrownBy(() -> file("{\"a cat\": [\"not-an-id\"]}").get())
        .hasMessageContaining("golden-queries.json is invalid")
        .hasMessageContaining("\"a cat\" names \"not-an-id\", which is not an image id");
    assertThatThrownBy(() -> file("{\"a cat\": []}").get())
        .hasMessageContaining("\"a cat\" must name a non-empty list of image ids");
    assertThatThrownBy(() -> file("[1, 2]").get())
        .hasMessageContaining("a JSON object from query text to a list of image ids");
    assertThatThrownBy(() -> file("{").get()).hasMessageContaining("is not valid JSON");
  }
}
