package io.imagesearch.e2e;

import io.imagesearch.cdn.CdnApplication;
import io.imagesearch.delivery.DeliveryPort;
import io.imagesearch.ingestapi.IngestApiApplication;
import io.imagesearch.searchapi.SearchApiApplication;
import io.imagesearch.testsupport.FreePort;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.PackagedJar;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.RepositoryRoot;
import io.imagesearch.testsupport.TokenIssuer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One distributed deployment for a test class: ingest API, search API and CDN as separate Spring
 * contexts on their own ports, workers as separate JVMs (so a test can SIGKILL one), all against
 * the given Redis, MinIO and Milvus, isolated by a key prefix and bucket of their own. API keys are
 * on, as in a deployment: the services adopt {@link #adminKey}, which the helpers send; the APIs
 * serve health and metrics on a management port of their own, as in a pod.
 */
final class Platform implements AutoCloseable {

  static final Path WORKER_JAR = Path.of(System.getProperty("worker.jar", "missing-worker.jar"));
  static final Path MODEL = RepositoryRoot.find().resolve("models/tiny-clip");

  private final RedisServer redis;
  private final MinioServer minio;
  private final MilvusServer milvus;
  private final String namespace = "e2e" + UUID.randomUUID().toString().substring(0, 8);

  /** The admin key the services adopt, as the operator's Secret gives it to the pods. */
  final String adminKey = newKey();

  /** The OIDC issuer whose access tokens the APIs accept besides keys, if any. */
  private TokenIssuer issuer;

  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
  private final Map<ConfigurableApplicationContext, Integer> managementPorts = new HashMap<>();
  private final List<WorkerProcess> workers = new ArrayList<>();
  ConfigurableApplicationContext ingest;
  ConfigurableApplicationContext search;
  ConfigurableApplicationContext cdn;

  Platform(RedisServer redis, MinioServer minio, MilvusServer milvus) {
    this.redis = redis;
    this.minio = minio;
    this.milvus = milvus;
  }

  /**
   * The APIs accept the access tokens of {@code issuer} (for {@link TokenIssuer#AUDIENCE}), as the
   * operator's {@code IMAGESEARCH_SECURITY_OIDC_*} variables tell them to.
   */
  Platform withIssuer(TokenIssuer issuer) {
    this.issuer = issuer;
    return this;
  }

  /** Settings every service gets, as command-line style properties. */
  List<String> settings() {
    List<String> settings = new ArrayList<>(common());
    if (issuer != null) {
      settings.add("--imagesearch.security.oidc.issuer-uri=" + issuer.issuerUri());
      settings.add("--imagesearch.security.oidc.audience=" + TokenIssuer.AUDIENCE);
    }
    return settings;
  }

  private List<String> common() {
    return List.of(
        "--spring.data.redis.host=" + redis.host(),
        "--spring.data.redis.port=" + redis.port(),
        "--imagesearch.queue.key-prefix=" + namespace,
        "--imagesearch.queue.visibility-timeout=5s",
        "--imagesearch.minio.endpoint=" + minio.endpoint(),
        "--imagesearch.minio.access-key=" + minio.accessKey(),
        "--imagesearch.minio.secret-key=" + minio.secretKey(),
        "--imagesearch.minio.bucket=" + namespace,
        "--imagesearch.milvus.uri=" + milvus.uri(),
        "--imagesearch.model.location=" + MODEL,
        "--imagesearch.ingest.base-backoff=200ms",
        "--imagesearch.ingest.max-backoff=2s",
        "--logging.structured.format.console=",
        "--logging.level.root=WARN",
        "--imagesearch.security.admin-key=" + adminKey,
        "--server.port=0");
  }

  /**
   * A key in the services' format, {@code isk_<16 hex id>_<64 hex secret>}, as an operator makes.
   */
  static String newKey() {
    SecureRandom random = new SecureRandom();
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    random.nextBytes(id);
    random.nextBytes(secret);
    return "isk_" + HexFormat.of().formatHex(id) + "_" + HexFormat.of().formatHex(secret);
  }

  Platform startApis() {
    ingest = start(IngestApiApplication.builder());
    search = start(SearchApiApplication.builder());
    // The delivery port on a free port too: a fixed one would collide with parallel runs.
    cdn = start(CdnApplication.builder(), "--imagesearch.delivery.port=0");
    return this;
  }

  /**
   * Starts an API with the platform's settings and {@code extra} ones, which replace a setting of
   * the same name (Spring joins repeated arguments into a list).
   */
  ConfigurableApplicationContext start(SpringApplicationBuilder builder, String... extra) {
    int managementPort = FreePort.find();
    List<String> args = new ArrayList<>(settings());
    args.add("--management.server.port=" + managementPort);
    for (String setting : extra) {
      String name = setting.substring(0, setting.indexOf('=') + 1);
      args.removeIf(arg -> arg.startsWith(name));
      args.add(setting);
    }
    ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
    contexts.add(context);
    managementPorts.put(context, managementPort);
    return context;
  }

  /** Where an API started by {@link #start} serves health and /actuator/prometheus. */
  String managementUrl(ConfigurableApplicationContext context, String path) {
    return "http://127.0.0.1:" + managementPorts.get(context) + path;
  }

  /** {@code request} with the admin key. */
  HttpResponse<byte[]> send(HttpRequest request) {
    return Http.send(withKey(request, adminKey));
  }

  /** A GET with the admin key. */
  HttpResponse<byte[]> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  /** {@code request} with {@code key} as a Bearer token. */
  static HttpRequest withKey(HttpRequest request, String key) {
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .header("Authorization", "Bearer " + key)
        .build();
  }

  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  String ingestUrl(String path) {
    return "http://127.0.0.1:" + port(ingest) + path;
  }

  String searchUrl(String path) {
    return "http://127.0.0.1:" + port(search) + path;
  }

  String cdnUrl(String path) {
    return "http://127.0.0.1:" + port(cdn) + path;
  }

  /** The same routes on the cdn's delivery port (plain Netty, its own cache). */
  String cdnDeliveryUrl(String path) {
    return "http://127.0.0.1:" + cdn.getBean(DeliveryPort.class).port().orElseThrow() + path;
  }

  WorkerProcess startWorker(String name, String... extraArgs) {
    return startService(WORKER_JAR, name, extraArgs);
  }

  /** A service's packaged exec jar (system property {@code <service>.jar}). */
  static Path serviceJar(String service) {
    return Path.of(System.getProperty(service + ".jar", "missing-" + service + ".jar"));
  }

  /** A service's packaged jar as its own JVM, on its own class path. */
  WorkerProcess startService(Path jar, String name, String... extraArgs) {
    List<String> args = new ArrayList<>(settings());
    int port = FreePort.find();
    args.set(args.indexOf("--server.port=0"), "--server.port=" + port);
    args.add("--imagesearch.ingest.batch-size=8");
    // A repeated setting would be joined into a list: an extra one replaces the platform's.
    for (String setting : extraArgs) {
      String key = setting.substring(0, setting.indexOf('=') + 1);
      args.removeIf(arg -> arg.startsWith(key));
      args.add(setting);
    }
    PackagedJar.Started started = PackagedJar.start(jar, "768m", "worker-" + name + "-", args);
    WorkerProcess worker = new WorkerProcess(name, port, started);
    workers.add(worker);
    return worker;
  }

  Map<String, String> describe() {
    return Map.of("namespace", namespace);
  }

  @Override
  public void close() {
    workers.forEach(WorkerProcess::close);
    contexts.forEach(ConfigurableApplicationContext::close);
  }
}
