package io.imagesearch.clustere2e;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A multipart/form-data request with several file parts, as the web UI's batch upload sends. */
final class Multipart {
  private Multipart() {}

  static HttpRequest files(URI uri, String field, List<ImageFile> files) {
    String boundary = "----imagesearch" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (ImageFile file : files) {
      String head =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + field
              + "\"; filename=\""
              + file.name()
              + "\"\r\nContent-Type: image/png\r\n\r\n";
      body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.bytes());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
  }
}
