package io.imagesearch.web;

import io.imagesearch.application.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.web.multipart.MultipartFile;

/** Reads multipart parts. */
final class Uploads {
  private Uploads() {}

  static byte[] bytes(MultipartFile file) {
    if (file == null) {
      throw new InvalidRequestException("the multipart part \"file\" is missing");
    }
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the uploaded part failed", e);
    }
  }
}
