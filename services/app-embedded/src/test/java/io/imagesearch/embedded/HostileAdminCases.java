package io.imagesearch.embedded;

import io.imagesearch.embedded.HostileCase.Answer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hostile JSON bodies and ids on key management, and what else an administrator reaches: the model
 * routes, the demo loader, the actuator, and paths beside the web UI's files.
 */
final class HostileAdminCases {
  private HostileAdminCases() {}

  private static final String KEYS = "/api/v1/keys";

  static Stream<HostileCase> cases() {
    return Stream.of(keyBodies(), keyIds(), modelsAndDemo(), actuator(), staticFiles())
        .flatMap(List::stream);
  }

  private static List<HostileCase> keyBodies() {
    return List.of(
        json("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000), 400),
        json("2,000 nested objects", "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000), 400),
        json(
            "a name that is a number of 5,000 digits",
            body("1".repeat(5_000), "[\"search\"]", null),
            400),
        json("a name of 1 MB", body(quoted("n".repeat(1 << 20)), "[\"search\"]", null), 400),
        json(
            "a name with control characters",
            body(quoted("a\\u0000\\u001b[2J"), "[\"search\"]", null),
            400),
        json("scopes as a string", body(quoted("k"), "\"admin\"", null), 400),
        json("an unknown scope", body(quoted("k"), "[\"root\"]", null), 400),
        json("no scope", body(quoted("k"), "[]", null), 400),
        json("a null scope", body(quoted("k"), "[null]", null), 400),
        json("a scope that is an object", body(quoted("k"), "[{\"admin\":true}]", null), 400),
        json(
            "an expiry that is not a date",
            body(quoted("k"), "[\"search\"]", quoted("yesterday")),
            400),
        json(
            "an expiry in the past",
            body(quoted("k"), "[\"search\"]", quoted("2001-01-01T00:00:00Z")),
            400),
        json(
            "an expiry at the last instant Java knows",
            body(quoted("k"), "[\"search\"]", quoted("+1000000000-12-31T23:59:59Z")),
            400),
        json("an expiry that is a number", body(quoted("k"), "[\"search\"]", "1e308"), 400),
        json("a body that is not JSON", "name=k&scopes=admin", 400),
        json("an empty body", "", 400),
        json("JSON null", "null", 400),
        json("a JSON array", "[]", 400),
        json("a JSON string of 5 MB", quoted("s".repeat(5 << 20)), 400),
        json("a field named twice", "{\"name\":\"a\",\"name\":\"b\",\"scopes\":[\"search\"]}", 201),
        json("an unknown field", "{\"name\":\"k\",\"scopes\":[\"search\"],\"admin\":true}", 201),
        json(
            "invalid UTF-8",
            "{\"name\":\"\u00ff\u00fe\",\"scopes\":[\"search\"]}",
            StandardCharsets.ISO_8859_1,
            400),
        HostileCase.of(
            "a key request as text",
            HostileRequest.post(KEYS, "text/plain", "{}".getBytes(StandardCharsets.US_ASCII)),
            Answer.status(415)),
        HostileCase.of(
            "a key request as XML",
            HostileRequest.post(
                KEYS, "application/xml", "<key/>".getBytes(StandardCharsets.US_ASCII)),
            Answer.status(415)));
  }

  private static List<HostileCase> keyIds() {
    return List.of(
        HostileCase.of(
            "revoke a key id that is not one",
            HostileRequest.delete(KEYS + "/not-an-id"),
            Answer.status(400)),
        HostileCase.of(
            "revoke an unknown key",
            HostileRequest.delete(KEYS + "/0123456789abcdef"),
            Answer.status(404)),
        HostileCase.of(
            "revoke a key id of 10,000 characters",
            HostileRequest.delete(KEYS + "/" + "a".repeat(10_000)),
            Answer.status(400)),
        HostileCase.of(
            "revoke a traversal",
            HostileRequest.delete(KEYS + "/..%2F..%2Fadmin-key"),
            Answer.status(400)),
        HostileCase.of(
            "revoke a key",
            stored -> HostileRequest.delete(KEYS + "/" + stored.keyId()),
            Answer.status(200)),
        HostileCase.of(
            "revoke it a second time",
            stored -> HostileRequest.delete(KEYS + "/" + stored.keyId()),
            Answer.status(200)),
        HostileCase.of(
            "list keys with a limit", HostileRequest.get(KEYS + "?limit=-1"), Answer.status(200)),
        HostileCase.of("PUT on the keys", HostileRequest.method("PUT", KEYS), Answer.status(405)));
  }

  private static List<HostileCase> modelsAndDemo() {
    return List.of(
        HostileCase.of(
            "roll back with nothing to roll back",
            post("/api/v1/models/rollback"),
            Answer.status(409)),
        HostileCase.of(
            "roll back with a body",
            HostileRequest.postJson("/api/v1/models/rollback", "{\"to\":\"../../x\"}"),
            Answer.status(409)),
        HostileCase.of(
            "GET the rollback", HostileRequest.get("/api/v1/models/rollback"), Answer.status(405)),
        HostileCase.of(
            "PUT a model", HostileRequest.method("PUT", "/api/v1/models"), Answer.status(405)),
        HostileCase.of(
            "the migration with junk parameters",
            HostileRequest.get("/api/v1/models/migration?x=%00&y=" + "z".repeat(5_000)),
            Answer.status(200)),
        HostileCase.of(
            "the demo with a junk body",
            HostileRequest.post("/api/v1/demo", "application/octet-stream", new byte[10_000]),
            Answer.status(202)),
        HostileCase.of("GET the demo", HostileRequest.get("/api/v1/demo"), Answer.status(405)),
        HostileCase.fromAnotherSite(
            "the demo from another site without a key", post("/api/v1/demo")));
  }

  private static List<HostileCase> actuator() {
    return List.of(
        HostileCase.of(
            "health without a key",
            HostileRequest.get("/actuator/health").anonymous(),
            Answer.status(200)),
        HostileCase.of(
            "an unknown health group",
            HostileRequest.get("/actuator/health/nothing"),
            Answer.status(404)),
        HostileCase.of(
            "health climbing to env",
            HostileRequest.get("/actuator/health/%2e%2e/env"),
            Answer.status(400)),
        HostileCase.of(
            "health climbing to env unencoded",
            HostileRequest.get("/actuator/health/../env"),
            Answer.status(400)),
        HostileCase.of("the environment", HostileRequest.get("/actuator/env"), Answer.status(404)),
        HostileCase.of("a heap dump", HostileRequest.get("/actuator/heapdump"), Answer.status(404)),
        HostileCase.of("shutdown", post("/actuator/shutdown"), Answer.status(404)),
        HostileCase.of(
            "a metric that is markup",
            HostileRequest.get("/actuator/metrics/%3Cscript%3E"),
            Answer.status(404)),
        HostileCase.of(
            "a metric with a tag that is not one",
            HostileRequest.get("/actuator/metrics/jvm.memory.used?tag=garbage"),
            Answer.status(400)),
        HostileCase.of(
            "metrics without a key",
            HostileRequest.get("/actuator/metrics").anonymous(),
            Answer.status(401)));
  }

  private static List<HostileCase> staticFiles() {
    return List.of(
        HostileCase.get("the web UI", "/", 200),
        HostileCase.get("its index by name", "/index.html", 200),
        HostileCase.get("a script", "/app.js", 200),
        HostileCase.get("a script and a NUL", "/app.js%00.html", 400),
        HostileCase.get("a script with a path parameter", "/app.js;jsessionid=1", 400),
        HostileCase.get("the servlet descriptor", "/WEB-INF/web.xml", 404),
        HostileCase.get("the jar manifest", "/META-INF/MANIFEST.MF", 404),
        HostileCase.get("the app's configuration", "/application.yml", 404),
        HostileCase.get("a dot file", "/.env", 404),
        HostileCase.get("a climb to /etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", 400),
        HostileCase.get("a climb by backslashes", "/..%5c..%5cetc%5cpasswd", 400),
        HostileCase.get("a static folder that is not served", "/static/app.js", 404),
        HostileCase.get("the API description with a junk group", "/v3/api-docs/%3Cscript%3E", 404),
        HostileCase.get("Swagger UI", "/swagger-ui.html", 302));
  }

  private static HostileRequest post(String target) {
    return HostileRequest.post(target, "application/json", new byte[0]);
  }

  private static HostileCase json(String name, String body, Integer... statuses) {
    return json(name, body, StandardCharsets.UTF_8, statuses);
  }

  private static HostileCase json(String name, String body, Charset charset, Integer... statuses) {
    return HostileCase.of(
        "key request: " + name,
        HostileRequest.post(KEYS, "application/json", body.getBytes(charset)),
        Answer.status(statuses));
  }

  private static String body(String name, String scopes, String expiresAt) {
    return "{\"name\":"
        + name
        + ",\"scopes\":"
        + scopes
        + (expiresAt == null ? "" : ",\"expires_at\":" + expiresAt)
        + "}";
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }
}
