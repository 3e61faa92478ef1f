package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.TokenIssuer;
import io.imagesearch.testsupport.TokenIssuer.TokenRequest;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged embedded app with the same OIDC settings as the distributed services: access tokens
 * of a real issuer ({@link TokenIssuer}) upload, follow, search and fetch images, within their
 * scopes, beside the admin key; a token for another audience is refused.
 */
class EmbeddedAccessTokenIT {

  @Test
  void accessTokensOfTheConfiguredIssuerWorkAsKeysDo() throws Exception {
    Path dataDir = Files.createTempDirectory("embedded-oidc-");
    try (TokenIssuer issuer = TokenIssuer.start();
        EmbeddedProcess app =
            EmbeddedProcess.serve(
                dataDir,
                "--imagesearch.security.oidc.issuer-uri=" + issuer.issuerUri(),
                "--imagesearch.security.oidc.audience=" + TokenIssuer.AUDIENCE)) {
      String uploader = issuer.accessToken("upload");
      String reader = issuer.accessToken("search");
      HeldoutSet.Example example = HeldoutSet.distinct(1).getFirst();

      HttpResponse<byte[]> accepted =
          EmbeddedProcess.sendAs(
              uploader,
              Http.multipart(
                  app.uri("/api/v1/ingest"), "file", "cat.png", "image/png", example.bytes()));
      assertThat(accepted.statusCode()).as(body(accepted)).isEqualTo(202);
      String task = Http.json(accepted).path("task_id").asText();
      JsonNode[] status = new JsonNode[1];
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  (status[0] = Http.json(get(app, "/api/v1/ingest/" + task, uploader)))
                      .path("status")
                      .asText()
                      .equals("SUCCESS"));
      String id = status[0].path("result").path("image_id").asText();

      HttpResponse<byte[]> found =
          get(
              app,
              "/api/v1/image/search?text="
                  + URLEncoder.encode(example.caption(), StandardCharsets.UTF_8),
              reader);
      assertThat(found.statusCode()).as(body(found)).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      Http.json(found).forEach(hit -> ids.add(hit.asText()));
      assertThat(ids).containsExactly(id);
      HttpResponse<byte[]> image = get(app, "/images/" + id, reader);
      assertThat(image.statusCode()).isEqualTo(200);
      assertThat(image.body()).isEqualTo(example.bytes());

      // Scopes hold, the admin key works beside tokens, another audience is refused.
      assertThat(get(app, "/api/v1/image/search?text=a", uploader).statusCode()).isEqualTo(403);
      assertThat(app.get("/api/v1/image/search?text=a").statusCode()).isEqualTo(200);
      HttpResponse<byte[]> elsewhere =
          get(
              app,
              "/api/v1/stats",
              issuer.accessToken(TokenRequest.withScopes("search").withAudience("billing")));
      assertThat(elsewhere.statusCode()).isEqualTo(401);
      assertThat(Http.json(elsewhere).path("type").asText()).endsWith("/token-audience");
      assertThat(app.log())
          .contains("Accepting OIDC access tokens of issuer " + issuer.issuerUri());
    }
  }

  private static HttpResponse<byte[]> get(EmbeddedProcess app, String path, String token) {
    return EmbeddedProcess.sendAs(token, HttpRequest.newBuilder(app.uri(path)).GET().build());
  }

  private static String body(HttpResponse<byte[]> answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}
