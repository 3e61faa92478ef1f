package io.imagesearch.index.milvus;

/** A Milvus call failed; the message names the server, collection and what to check. */
public final class MilvusIndexException extends RuntimeException {

  MilvusIndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
