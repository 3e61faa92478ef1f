package io.imagesearch.clustere2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images this build made with Jib (profile image-tars of the parent pom) and the names the
 * cluster knows them by: {@code <image.registry>/<image.name>:<image.tag>}.
 */
final class BuiltImages {
  /** Module folder to image name, as each module's pom sets image.name. */
  static final Map<String, String> MODULES =
      Map.of(
          "services/ingest-api", "ingest-api",
          "services/worker", "worker",
          "services/search-api", "search-api",
          "services/cdn", "cdn",
          "operator", "imagesearch-operator");

  private BuiltImages() {}

  static String registry() {
    return System.getProperty("image.registry", "imagesearch.local");
  }

  static String tag() {
    return System.getProperty("image.tag", "dev");
  }

  static String reference(String name) {
    return registry() + "/" + name + ":" + tag();
  }

  static List<Path> tars() {
    Path root = Path.of(System.getProperty("images.dir", "..")).toAbsolutePath().normalize();
    List<Path> tars = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String module : MODULES.keySet().stream().sorted().toList()) {
      Path tar = root.resolve(module).resolve("target/jib-image.tar");
      if (Files.isRegularFile(tar)) {
        tars.add(tar);
      } else {
        missing.add(tar.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the images of this build are missing: "
              + missing
              + ". Build them with `make test`, or with `./mvnw package"
              + " -Dimages.base=$(tools/images.sh path jre21) -Dimage.registry=imagesearch.local"
              + " -Dimage.tag=dev` after `tools/images.sh base`.");
    }
    return tars;
  }
}
