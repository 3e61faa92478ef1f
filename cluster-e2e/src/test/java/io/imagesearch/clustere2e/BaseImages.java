package io.imagesearch.clustere2e;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dependency images tools/images.sh builds from Debian packages and the test environment's
 * binaries, which tools/cluster.sh up loads, by their names in `tools/images.sh list`. Milvus runs
 * as a stand-in (Milvus Lite serving the Milvus gRPC API) because the Milvus image cannot be built
 * here.
 */
final class BaseImages {
  private static Map<String, String> references;

  private BaseImages() {}

  /** The image reference of {@code name} (redis, minio, milvus-standin, ...). */
  static synchronized String reference(String name) {
    if (references == null) {
      references = new TreeMap<>();
      // Lines of "NAME REFERENCE PATH".
      for (String line : RepoScript.run("images.sh", Duration.ofMinutes(1), "list").split("\n")) {
        String[] columns = line.trim().split("\\s+");
        if (columns.length == 3) {
          references.put(columns[0], columns[1]);
        }
      }
    }
    String reference = references.get(name);
    if (reference == null) {
      throw new IllegalStateException(
          "tools/images.sh list names no image " + name + ": " + references);
    }
    return reference;
  }
}
