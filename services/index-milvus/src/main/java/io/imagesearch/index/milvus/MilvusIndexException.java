package io.imagesearch.index.milvus;

import io.imagesearch.core.port.IndexUnavailableException;

/** A Milvus call failed; the message names the server, collection and what to check. */
public final class MilvusIndexException extends IndexUnavailableException {

  MilvusIndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
