package io.imagesearch.embedded;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Embedded mode: everything in one JVM on one port. */
@SpringBootApplication(scanBasePackages = {"io.imagesearch.embedded", "io.imagesearch.web"})
@EnableConfigurationProperties(EmbeddedProperties.class)
public class EmbeddedApplication {

  public static void main(String[] args) {
    SpringApplication.run(EmbeddedApplication.class, args);
  }
}
