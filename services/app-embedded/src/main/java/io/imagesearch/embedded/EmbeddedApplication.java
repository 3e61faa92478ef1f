package io.imagesearch.embedded;

import io.imagesearch.delivery.DeliveryConfiguration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** Embedded mode: everything in one JVM on one port. */
@SpringBootApplication(scanBasePackages = {"io.imagesearch.embedded", "io.imagesearch.web"})
@EnableConfigurationProperties(EmbeddedProperties.class)
@Import(DeliveryConfiguration.class)
public class EmbeddedApplication {

  public static void main(String[] args) {
    int command = firstCommandWord(args);
    if (command >= 0 && args[command].equals("keys")) {
      // Key management needs the key database only: no server, no model.
      System.exit(
          KeysCommandRunner.run(
              Arrays.copyOfRange(args, 0, command),
              List.of(args).subList(command + 1, args.length),
              System.out,
              System.err));
    }
    SpringApplication.run(EmbeddedApplication.class, args);
  }

  /** The first argument that is not a {@code --setting=value}, or -1. */
  private static int firstCommandWord(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        return i;
      }
    }
    return -1;
  }
}
