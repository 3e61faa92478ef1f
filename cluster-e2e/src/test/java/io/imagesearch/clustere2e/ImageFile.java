package io.imagesearch.clustere2e;

import io.imagesearch.testsupport.HeldoutSet;

/** One file a user uploads: its name and bytes. */
record ImageFile(String name, byte[] bytes) {
  static ImageFile of(HeldoutSet.Example example) {
    return new ImageFile(example.file().getFileName().toString(), example.bytes());
  }
}
