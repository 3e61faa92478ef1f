package io.imagesearch.embedded;

import org.springframework.util.unit.DataSize;

/**
 * Sizes as people write them on the command line: {@code 10GiB}, {@code 10GB}, {@code 500MB},
 * {@code 2048} (bytes). Both spellings are binary (1 GB = 1024 MB), as Spring's own settings such
 * as {@code spring.servlet.multipart.max-file-size} read them.
 */
final class ByteSizes {

  private ByteSizes() {}

  /** The size {@code value} gives, or null when it is null. */
  static Long parse(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      // DataSize knows KB, MB, GB, TB; KiB and the like are the same binary units.
      return DataSize.parse(value.strip().replaceFirst("(?i)([KMGT])iB$", "$1B")).toBytes();
    } catch (IllegalArgumentException e) {
      throw new KeysCommand.UsageException(
          option + " \"" + value + "\" is not a size: use e.g. 10GiB, 500MiB or 1048576 (bytes)");
    }
  }
}
