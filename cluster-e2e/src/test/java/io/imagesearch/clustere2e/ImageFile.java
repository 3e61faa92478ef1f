package io.imagesearch.clustere2e;

import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;

/** One file a user uploads: its name and bytes. */
record ImageFile(String name, byte[] bytes) {
  Http.FilePart part() {
    return new Http.FilePart(name, "image/png", bytes);
  }

  static ImageFile of(HeldoutSet.Example example) {
    return new ImageFile(example.file().getFileName().toString(), example.bytes());
  }
}
