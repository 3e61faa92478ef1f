package io.imagesearch.delivery;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of the delivery port: GET and HEAD of /images/{id} and /thumbnails/{id}[?size=2x]
 * with the main port's answers (strong ETag = content hash, 304 incl. {@code If-None-Match: *},
 * Range 206/416, immutable caching, nosniff, problem+json errors). Cache hits are answered on the
 * event loop with pre-built heads; a miss reads on a loader thread while the connection stops
 * reading, so pipelined answers keep their order. A client that goes away is normal traffic.
 */
final class DeliveryHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryHandler.class);
  private static final int STREAM_CHUNK = 64 * 1024;

  private final DeliveryCache cache;
  private final DeliveryAccess access;
  private final HttpDate date;
  private final Executor loader;
  private final int keepAliveRequests;
  private final String cacheControl;
  private final DeliveryCors corsPolicy;
  private final ArrayDeque<HttpRequest> waiting = new ArrayDeque<>();
  private int requests;
  private boolean busy;

  /** The CORS lines of the answer in progress (one request at a time per connection). */
  private byte[] cors = DeliveryCors.VARY;

  // A browser sends one page's origin and one host on a connection: decided once, not per image.
  private String lastOrigin;
  private String lastHost;
  private byte[] lastCors;

  DeliveryHandler(
      DeliveryCache cache,
      DeliveryAccess access,
      HttpDate date,
      Executor loader,
      int keepAliveRequests,
      String cacheControl,
      DeliveryCors corsPolicy) {
    this.corsPolicy = corsPolicy;
    this.cache = cache;
    this.access = access;
    this.date = date;
    this.loader = loader;
    this.keepAliveRequests = keepAliveRequests;
    this.cacheControl = cacheControl;
  }

  /** What a request asks for once routed: the key, its ETag, and the 1x fall-back of a 2x. */
  private record Target(String key, String etag, Target fallback) {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request)) {
      ReferenceCountUtil.release(msg); // request bodies: GET and HEAD have no use for one
      return;
    }
    ReferenceCountUtil.release(msg);
    if (busy) {
      waiting.add(request);
    } else {
      handle(ctx, request);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    // Keep-alive timeout: only a connection waiting for its next request is idle.
    if (event instanceof IdleStateEvent && !busy) {
      ctx.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("Client connection ended: {}", cause.toString());
    } else {
      LOG.warn("Closing a delivery connection after an unexpected error", cause);
    }
    ctx.close();
  }

  private void handle(ChannelHandlerContext ctx, HttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request) && ++requests < keepAliveRequests;
    cors = DeliveryCors.VARY;
    if (request.decoderResult().isFailure()) {
      problem(ctx, request, false, Problem.of(400, "invalid-request", "a malformed HTTP request"));
      return;
    }
    HttpHeaders headers = request.headers();
    String origin = headers.get(HttpHeaderNames.ORIGIN);
    String host = headers.get(HttpHeaderNames.HOST);
    if (origin != null) {
      cors = corsLines(origin, host);
    }
    HttpMethod method = request.method();
    if (method == HttpMethod.OPTIONS
        && origin != null
        && headers.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
      preflight(ctx, request, keepAlive, DeliveryCors.isGrant(cors));
      return;
    }
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      problem(
          ctx,
          request,
          keepAlive,
          Problem.of(405, "method-not-allowed", method + " is not supported here: use GET or HEAD")
              .withHeader("Allow", "GET, HEAD"));
      return;
    }
    Optional<Problem> refused =
        access.check(
            headers.get(HttpHeaderNames.AUTHORIZATION),
            headers.get(access.apiKeyHeader()),
            clientAddress(ctx));
    if (refused.isPresent()) {
      problem(ctx, request, keepAlive, refused.get());
      return;
    }
    Object routed = route(request.uri());
    if (routed instanceof Problem problem) {
      problem(ctx, request, keepAlive, problem);
      return;
    }
    Target target = (Target) routed;
    // The ETag names the bytes, so a match needs no look-up (a 2x's ETag is known only after it).
    if (target.fallback() == null && matches(headers, target.etag())) {
      respond(ctx, keepAlive, head(headersOf304(target), keepAlive), null);
      return;
    }
    DeliveredObject hit = cache.getIfLoaded(target.key());
    if (hit != null) {
      answer(ctx, request, keepAlive, target, hit);
      return;
    }
    busy = true;
    ctx.channel().config().setAutoRead(false);
    cache
        .get(target.key(), target.etag())
        .whenComplete(
            (object, failure) ->
                ctx.executor()
                    .execute(
                        () -> {
                          if (failure != null) {
                            LOG.error(
                                "Cannot read {} from the object store", target.key(), failure);
                            problem(ctx, request, keepAlive, internalError());
                            resume(ctx);
                          } else if (answer(ctx, request, keepAlive, target, object)) {
                            resume(ctx);
                          }
                        }));
  }

  /** After an asynchronous answer: the requests that came meanwhile, then reading again. */
  private void resume(ChannelHandlerContext ctx) {
    busy = false;
    while (!busy && !waiting.isEmpty() && ctx.channel().isActive()) {
      handle(ctx, waiting.poll());
    }
    if (!busy) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** Answers with {@code object}; false when the answer goes on asynchronously (and resumes). */
  private boolean answer(
      ChannelHandlerContext ctx,
      HttpRequest request,
      boolean keepAlive,
      Target target,
      DeliveredObject object) {
    if (object == null) {
      if (target.fallback() != null) {
        // No 2x thumbnail: the 1x one answers, with its own ETag.
        Target fallback = target.fallback();
        if (matches(request.headers(), fallback.etag())) {
          respond(ctx, keepAlive, head(headersOf304(fallback), keepAlive), null);
          return true;
        }
        DeliveredObject hit = cache.getIfLoaded(fallback.key());
        if (hit != null) {
          return answer(ctx, request, keepAlive, fallback, hit);
        } else {
          busy = true;
          ctx.channel().config().setAutoRead(false);
          cache
              .get(fallback.key(), fallback.etag())
              .whenComplete(
                  (found, failure) ->
                      ctx.executor()
                          .execute(
                              () -> {
                                if (failure != null) {
                                  LOG.error("Cannot read {}", fallback.key(), failure);
                                  problem(ctx, request, keepAlive, internalError());
                                  resume(ctx);
                                } else if (answer(ctx, request, keepAlive, fallback, found)) {
                                  resume(ctx);
                                }
                              }));
          return false;
        }
      }
      problem(ctx, request, keepAlive, notFound(idOf(request.uri())));
      return true;
    }
    HttpHeaders headers = request.headers();
    if (target.fallback() != null && matches(headers, object.etag())) {
      respond(ctx, keepAlive, head(object.head304(), keepAlive), null);
      return true;
    }
    // "*" matches any current representation (RFC 9110 13.1.2), known to exist only now.
    if (matchesAny(headers)) {
      respond(ctx, keepAlive, head(object.head304(), keepAlive), null);
      return true;
    }
    boolean head = request.method() == HttpMethod.HEAD;
    String rangeHeader = headers.get(HttpHeaderNames.RANGE);
    ByteRange.Outcome range =
        rangeHeader == null ? new ByteRange.Whole() : ByteRange.of(rangeHeader, object.size());
    switch (range) {
      case ByteRange.Unsatisfiable u ->
          problem(
              ctx,
              request,
              keepAlive,
              Problem.of(
                      416,
                      "range-not-satisfiable",
                      "the range \""
                          + Problem.abbreviate(rangeHeader)
                          + "\" does not fit the "
                          + object.size()
                          + " bytes of this image: ask for bytes=first-last with first below "
                          + object.size())
                  .withHeader("Content-Range", "bytes */" + object.size()));
      case ByteRange.Partial p -> {
        ByteBuf start = head(object.head206(p.range().first(), p.range().last()), keepAlive);
        if (head) {
          respond(ctx, keepAlive, start, null);
        } else if (object.cached()) {
          respond(
              ctx,
              keepAlive,
              start,
              Unpooled.wrappedBuffer(object.slice(p.range().first(), p.range().length())));
        } else {
          stream(ctx, keepAlive, object, start, p.range().first(), p.range().length());
          return false;
        }
      }
      case ByteRange.Whole w -> {
        ByteBuf start = head(object.head200(), keepAlive);
        if (head) {
          respond(ctx, keepAlive, start, null);
        } else if (object.cached()) {
          respond(ctx, keepAlive, start, Unpooled.wrappedBuffer(object.slice(0, object.size())));
        } else {
          stream(ctx, keepAlive, object, start, 0, object.size());
          return false;
        }
      }
    }
    return true;
  }

  /** An object too large to cache, read on a loader thread and written as the socket takes it. */
  private void stream(
      ChannelHandlerContext ctx,
      boolean keepAlive,
      DeliveredObject object,
      ByteBuf start,
      long skip,
      long length) {
    busy = true;
    ctx.channel().config().setAutoRead(false);
    ctx.write(start);
    loader.execute(
        () -> {
          boolean complete = false;
          try (InputStream in =
              cache
                  .open(object.key())
                  .orElseThrow(() -> new IOException(object.key() + " was deleted"))) {
            in.skipNBytes(skip);
            long left = length;
            while (left > 0) {
              byte[] chunk = in.readNBytes((int) Math.min(STREAM_CHUNK, left));
              if (chunk.length == 0) {
                throw new IOException(object.key() + " ended early");
              }
              left -= chunk.length;
              // Waiting for each chunk to go out keeps one chunk in memory per connection.
              if (!ctx.writeAndFlush(Unpooled.wrappedBuffer(chunk))
                  .awaitUninterruptibly()
                  .isSuccess()) {
                LOG.debug("Client went away while {} streamed", object.key());
                break;
              }
            }
            complete = left == 0;
          } catch (IOException | RuntimeException e) {
            LOG.error("Cannot stream {} from the object store", object.key(), e);
          }
          boolean reuse = complete && keepAlive;
          ctx.executor()
              .execute(
                  () -> {
                    if (!reuse) {
                      ctx.close(); // the head promised bytes that did not all come
                    } else {
                      resume(ctx);
                    }
                  });
        });
  }

  /** Routes the request target: the object to answer with, or the problem. */
  private static Object route(String uri) {
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    String id;
    boolean thumbnail;
    if (path.startsWith("/images/")) {
      id = path.substring("/images/".length());
      thumbnail = false;
    } else if (path.startsWith("/thumbnails/")) {
      id = path.substring("/thumbnails/".length());
      thumbnail = true;
    } else {
      return Problem.of(404, "not-found", "no such route: " + Problem.abbreviate(path));
    }
    if (!isId(id)) {
      return notFound(id);
    }
    if (!thumbnail) {
      return new Target("images/" + id, "\"" + id + "\"", null);
    }
    Target single = new Target("thumbs/" + id, "\"" + id + "-thumb\"", null);
    String size = query < 0 ? null : parameter(uri.substring(query + 1), "size");
    if (size == null || size.equals("1x")) {
      return single;
    }
    if (size.equals("2x")) {
      return new Target("thumbs2x/" + id, "\"" + id + "-thumb2x\"", single);
    }
    return Problem.of(
        400, "invalid-request", "size must be 1x or 2x, got \"" + Problem.abbreviate(size) + "\"");
  }

  /** 64 lowercase hex characters (checked by hand: a regex was a tenth of the handler's time). */
  private static boolean isId(String id) {
    if (id.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static String parameter(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0
            ? ""
            : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** If-None-Match lists this ETag: weak comparison, as RFC 9110 13.1.2 asks. */
  private static boolean matches(HttpHeaders headers, String etag) {
    for (String value : headers.getAll(HttpHeaderNames.IF_NONE_MATCH)) {
      for (String tag : value.split(",")) {
        String t = tag.strip();
        if (t.startsWith("W/")) {
          t = t.substring(2);
        }
        if (t.equals(etag)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesAny(HttpHeaders headers) {
    for (String value : headers.getAll(HttpHeaderNames.IF_NONE_MATCH)) {
      for (String tag : value.split(",")) {
        if (tag.strip().equals("*")) {
          return true;
        }
      }
    }
    return false;
  }

  private byte[] headersOf304(Target target) {
    return ("HTTP/1.1 304 Not Modified\r\nETag: "
            + target.etag()
            + "\r\nCache-Control: "
            + cacheControl
            + "\r\nX-Content-Type-Options: nosniff\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] corsLines(String origin, String host) {
    if (!origin.equals(lastOrigin) || !Objects.equals(host, lastHost)) {
      lastCors = corsPolicy.responseHeaders(origin, host);
      lastOrigin = origin;
      lastHost = host;
    }
    return lastCors;
  }

  /**
   * A browser's question whether a page of another origin may fetch with a key: answered before
   * access is checked, as a preflight never carries the key itself.
   */
  private void preflight(
      ChannelHandlerContext ctx, HttpRequest request, boolean keepAlive, boolean granted) {
    if (!granted) {
      problem(
          ctx,
          request,
          keepAlive,
          Problem.of(
              403,
              "cors-origin-refused",
              "pages of this origin may not read images here: only the application's own pages"
                  + " and imagesearch.security.cors-allowed-origins may"));
      return;
    }
    respond(
        ctx,
        keepAlive,
        Unpooled.wrappedBuffer(
            PREFLIGHT_START, cors, corsPolicy.preflightHeaders(), date.tail(!keepAlive)),
        null);
  }

  private static final byte[] PREFLIGHT_START =
      "HTTP/1.1 204 No Content\r\n".getBytes(StandardCharsets.ISO_8859_1);

  /**
   * A pre-built head completed with the request's CORS lines, Date (and Connection: close) and the
   * blank line.
   */
  private ByteBuf head(byte[] start, boolean keepAlive) {
    byte[] tail = date.tail(!keepAlive);
    return Unpooled.wrappedBuffer(start, cors, tail);
  }

  private void respond(ChannelHandlerContext ctx, boolean keepAlive, ByteBuf head, ByteBuf body) {
    if (body == null) {
      ctx.writeAndFlush(head).addListener(keepAlive ? QUIET : ChannelFutureListener.CLOSE);
      return;
    }
    ctx.write(head, ctx.voidPromise());
    ctx.writeAndFlush(body).addListener(keepAlive ? QUIET : ChannelFutureListener.CLOSE);
  }

  private void problem(
      ChannelHandlerContext ctx, HttpRequest request, boolean keepAlive, Problem problem) {
    byte[] body = problem.body(pathOf(request.uri()));
    StringBuilder head =
        new StringBuilder(256)
            .append("HTTP/1.1 ")
            .append(problem.status())
            .append(' ')
            .append(problem.title())
            .append("\r\nContent-Type: application/problem+json\r\nContent-Length: ")
            .append(body.length)
            .append("\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n");
    problem
        .headers()
        .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    ByteBuf start = head(head.toString().getBytes(StandardCharsets.UTF_8), keepAlive);
    respond(
        ctx,
        keepAlive,
        start,
        request.method() == HttpMethod.HEAD ? null : Unpooled.wrappedBuffer(body));
  }

  private static String clientAddress(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress address
        ? address.getAddress().getHostAddress()
        : String.valueOf(ctx.channel().remoteAddress());
  }

  private static String pathOf(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }

  private static String idOf(String uri) {
    String path = pathOf(uri);
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static Problem notFound(String rawId) {
    return Problem.of(
        404,
        "not-found",
        "no image with id " + Problem.abbreviate(rawId) + " (ids are 64 lowercase hex characters)");
  }

  private static Problem internalError() {
    return Problem.of(
        500, "internal-error", "the image could not be read; it was logged, try again later");
  }

  /** A failed write means the client went away: normal traffic, worth a DEBUG line at most. */
  private static final ChannelFutureListener QUIET =
      future -> {
        if (!future.isSuccess()) {
          Throwable cause = future.cause();
          if (cause instanceof ClosedChannelException
              || cause instanceof SocketException
              || cause instanceof IOException) {
            LOG.debug("Client went away before its answer was sent: {}", cause.toString());
          } else {
            LOG.warn("Cannot send a delivery answer", cause);
          }
          future.channel().close();
        }
      };
}
