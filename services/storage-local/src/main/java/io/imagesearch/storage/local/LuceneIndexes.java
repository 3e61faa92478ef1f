package io.imagesearch.storage.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The Lucene indexes of a library, one folder per model id and dimension under one base folder. */
public final class LuceneIndexes {

  private final Path baseDir;
  private final LuceneIndexOptions options;

  public LuceneIndexes(Path baseDir) {
    this(baseDir, LuceneIndexOptions.DEFAULTS);
  }

  /** Indexes opened with {@code options}. */
  public LuceneIndexes(Path baseDir, LuceneIndexOptions options) {
    this.baseDir = baseDir;
    this.options = options;
  }

  /** Opens, or creates, the index of {@code modelId} at {@code dimension}. */
  public LuceneVectorIndex open(String modelId, int dimension) {
    return LuceneVectorIndex.open(baseDir, modelId, dimension, options);
  }

  /** Deletes the index of {@code modelId} at {@code dimension}, closed beforehand; true if any. */
  public boolean delete(String modelId, int dimension) {
    Path dir = baseDir.resolve(IndexDirectoryName.of(modelId, dimension));
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path visited, IOException e)
                throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(visited);
              return FileVisitResult.CONTINUE;
            }
          });
      AtomicFiles.syncDirectory(baseDir);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the vector index " + dir, e);
    }
  }
}
