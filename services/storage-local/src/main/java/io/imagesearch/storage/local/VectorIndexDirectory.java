package io.imagesearch.storage.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.MMapDirectory;

/**
 * Opens an index's files so a search reads from memory what it reads in full and from disk only
 * what it reads a little of.
 *
 * <ul>
 *   <li>Lucene's own access hints become madvise advice ({@link MMapDirectory#ADVISE_BY_CONTEXT},
 *       not on by default): the full-precision vectors, which rescoring reads a few at a time, are
 *       read page by page instead of in read-ahead windows (8 MiB on some disks), which would pull
 *       the whole file, 2 GiB at 1M x 512-d, into the working set.
 *   <li>The graph and the vectors it scores with ({@link VectorEncoding#searchedFiles}) are
 *       preloaded when a segment opens, so the first searches after a start or a merge do not fault
 *       them in from disk one page at a time.
 * </ul>
 */
final class VectorIndexDirectory {
  private VectorIndexDirectory() {}

  static FSDirectory open(Path indexDir, VectorEncoding encoding) throws IOException {
    FSDirectory dir = FSDirectory.open(indexDir);
    if (dir instanceof MMapDirectory mapped) {
      Set<String> searched = encoding.searchedFiles();
      mapped.setReadAdvice(MMapDirectory.ADVISE_BY_CONTEXT);
      mapped.setPreload((name, context) -> searched.contains(extension(name)));
    }
    return dir;
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1);
  }
}
