package io.imagesearch.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A stored object as the delivery port sends it: its bytes off the heap (null when too large to
 * cache, so they stream from the store), which the socket writes without a copy, and the heads of
 * its 200 and 304 answers, encoded once when it was loaded. Ids are content hashes, so none of this
 * ever goes stale. The direct buffer is freed by the garbage collector once the cache dropped it
 * and no write holds it: nothing is released by hand, so an eviction never races a write.
 *
 * @param head200 status line and headers of the whole object, without Date and the final CRLF
 * @param head304 the same for a 304: the headers a 200 and a 304 of the same URL share
 */
record DeliveredObject(
    String key,
    String etag,
    String contentType,
    long size,
    ByteBuffer content,
    byte[] head200,
    byte[] head304,
    String cacheControl) {

  static DeliveredObject of(
      String key, String etag, String contentType, long size, byte[] bytes, String cacheControl) {
    String shared =
        "ETag: "
            + etag
            + "\r\nCache-Control: "
            + cacheControl
            + "\r\nX-Content-Type-Options: nosniff\r\n";
    String ok =
        "HTTP/1.1 200 OK\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + size
            + "\r\nAccept-Ranges: bytes\r\n"
            + shared;
    ByteBuffer content = bytes == null ? null : offHeap(bytes);
    return new DeliveredObject(
        key,
        etag,
        contentType,
        size,
        content,
        ok.getBytes(StandardCharsets.ISO_8859_1),
        ("HTTP/1.1 304 Not Modified\r\n" + shared).getBytes(StandardCharsets.ISO_8859_1),
        cacheControl);
  }

  /**
   * The bytes in a direct buffer; on the heap when the JVM's direct memory limit (by default the
   * maximum heap size) is reached, which costs a copy per write but never fails a request.
   */
  private static ByteBuffer offHeap(byte[] bytes) {
    try {
      return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    } catch (OutOfMemoryError e) {
      return ByteBuffer.wrap(bytes);
    }
  }

  boolean cached() {
    return content != null;
  }

  /** A view of bytes first..first+length-1 for one write; the cached buffer is never moved. */
  ByteBuffer slice(long first, long length) {
    return content.duplicate().position((int) first).limit((int) (first + length));
  }

  /** A heap copy of the cached bytes (tests). */
  byte[] bytes() {
    byte[] copy = new byte[content.capacity()];
    content.duplicate().get(copy);
    return copy;
  }

  /** What the cache counts for this entry: the bytes, the heads and a fixed allowance. */
  int weight() {
    long total =
        (content == null ? 0 : content.capacity()) + head200.length + head304.length + 256L;
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  /** The head of a 206 of bytes first..last, built per request (ranges are rare). */
  byte[] head206(long first, long last) {
    String head =
        "HTTP/1.1 206 Partial Content\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + (last - first + 1)
            + "\r\nContent-Range: bytes "
            + first
            + "-"
            + last
            + "/"
            + size
            + "\r\nAccept-Ranges: bytes\r\nETag: "
            + etag
            + "\r\nCache-Control: "
            + cacheControl
            + "\r\nX-Content-Type-Options: nosniff\r\n";
    return head.getBytes(StandardCharsets.ISO_8859_1);
  }
}
