package io.imagesearch.delivery;

import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.web.SecuritySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery port: a plain Netty HTTP/1.1 pipeline (request decoder, keep-alive timeout, {@link
 * DeliveryHandler}) with one event loop per core, so an image costs a cache look-up and one
 * gathering write, with no framework dispatch, servlet filters or per-request header building.
 */
public final class DeliveryServer {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryServer.class);

  private final DeliverySettings settings;
  private final String address;
  private final DeliveryCache cache;
  private final DeliveryAccess access;
  private final ExecutorService loader;
  private final String cacheControl;
  private final DeliveryCors cors;
  private final HttpDate date = new HttpDate(Clock.systemUTC());
  private EventLoopGroup group;
  private Channel channel;

  /** A delivery port beside no main port: no page is granted CORS but the configured origins. */
  public DeliveryServer(
      DeliverySettings settings,
      String address,
      ObjectStore store,
      SecuritySettings security,
      ApiKeys keys,
      MeterRegistry meters) {
    this(settings, address, store, security, keys, meters, () -> -1);
  }

  /**
   * @param address the interface to listen on when the settings name none (server.address)
   * @param keys the API keys, or null when security is off
   * @param mainPort the application's main port once bound (-1 before or without one): its pages on
   *     the same host may fetch images here ({@link DeliveryCors})
   */
  public DeliveryServer(
      DeliverySettings settings,
      String address,
      ObjectStore store,
      SecuritySettings security,
      ApiKeys keys,
      MeterRegistry meters,
      IntSupplier mainPort) {
    this.settings = settings;
    this.cors = new DeliveryCors(security.corsAllowedOrigins(), mainPort, security.apiKeyHeader());
    this.address = settings.address().isEmpty() ? address : settings.address();
    this.access = new DeliveryAccess(security, keys, settings.acceptedKeyTime());
    // Bytes that need a key must not sit in shared caches (the main port privatizes them too).
    this.cacheControl =
        "max-age=31536000, " + (access.open() ? "public" : "private") + ", immutable";
    this.loader = Executors.newFixedThreadPool(settings.loaderThreads(), named("delivery-loader-"));
    this.cache =
        new DeliveryCache(
            store,
            settings.cacheBytes(),
            settings.maxCachedObjectBytes(),
            loader,
            cacheControl,
            meters);
  }

  public synchronized void start() {
    group =
        new MultiThreadIoEventLoopGroup(
            Runtime.getRuntime().availableProcessors(),
            named("delivery-io-"),
            NioIoHandler.newFactory());
    long idleMillis = settings.keepAliveTimeout().toMillis();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS))
                        .addLast(new HttpRequestDecoder(new HttpDecoderConfig()))
                        .addLast(
                            new DeliveryHandler(
                                cache,
                                access,
                                date,
                                loader,
                                settings.keepAliveRequests(),
                                cacheControl,
                                cors));
                  }
                });
    InetSocketAddress bindTo =
        address == null || address.isBlank()
            ? new InetSocketAddress(settings.port())
            : new InetSocketAddress(address, settings.port());
    try {
      channel = bootstrap.bind(bindTo).syncUninterruptibly().channel();
    } catch (Exception e) { // Netty rethrows the bind's checked BindException as it is
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      group = null;
      if (e instanceof BindException) {
        throw new IllegalStateException(
            "The image delivery port cannot listen on "
                + bindTo
                + " ("
                + e.getMessage()
                + "): choose another port with imagesearch.delivery.port (DELIVERY_PORT for make"
                + " run), or -1 to turn it off",
            e);
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
    LOG.info("Image delivery port listening on {}", channel.localAddress());
  }

  public synchronized void stop() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
      channel = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
    loader.shutdownNow();
  }

  public synchronized boolean isRunning() {
    return channel != null;
  }

  /** The port bound, once started (0 in the settings picks a free one). */
  public synchronized int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  DeliveryCache cache() {
    return cache;
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger next = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }
}
