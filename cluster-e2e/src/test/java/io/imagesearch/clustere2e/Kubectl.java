package io.imagesearch.clustere2e;

import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.RepositoryRoot;
import io.imagesearch.testsupport.ServerBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The kubectl the test environment builds, run from the repository root as the README does. */
final class Kubectl {
  private static final ServerBinary BINARY = KubeApiServer.binary("kubectl");

  private final Path kubeconfig;

  Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** `kubectl apply -n NAMESPACE -f -` of a manifest's text. */
  String apply(String namespace, String manifest) {
    return runWithInput(manifest, "apply", "-n", namespace, "-f", "-");
  }

  /** Runs kubectl with the arguments; returns stdout, or throws with stderr. */
  String run(String... args) {
    return runWithInput(null, args);
  }

  private String runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(BINARY.require().toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command).directory(RepositoryRoot.find().toFile()).start();
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl "
                + String.join(" ", args)
                + " failed: "
                + new String(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kubectl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
