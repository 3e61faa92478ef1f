package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.RawHttp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A row of a hostile-input case table: what is sent (given what the suite stored beforehand) and
 * the answer it must get. {@link HostileInputIT} holds every row to the rules common to all (no
 * 5xx, errors as problem+json, accepted tasks ending, the server answering after it).
 */
record HostileCase(String name, Function<Stored, HostileRequest> request, Answer answer) {

  /** What the suite stored before the cases run, for the cases that need a real id. */
  record Stored(String imageId, String taskId, String keyId, String adminKey) {}

  static HostileCase of(String name, HostileRequest request, Answer answer) {
    return new HostileCase(name, stored -> request, answer);
  }

  static HostileCase of(String name, Function<Stored, HostileRequest> request, Answer answer) {
    return new HostileCase(name, request, answer);
  }

  /** A GET of {@code target} with the admin key. */
  static HostileCase get(String name, String target, Integer... statuses) {
    return of(name, HostileRequest.get(target), Answer.status(statuses));
  }

  /** A GET with the admin key of the target {@code target} makes of the stored image's id. */
  static HostileCase getForImage(
      String name, Function<String, String> target, Integer... statuses) {
    return of(
        name,
        stored -> HostileRequest.get(target.apply(stored.imageId())),
        Answer.status(statuses));
  }

  /**
   * {@code request} sent without a key by another site's page: 401, with no CORS grant that would
   * let that page read the answer.
   */
  static HostileCase fromAnotherSite(String name, HostileRequest request) {
    return of(
        name,
        request.anonymous().header("Origin: https://evil.example"),
        Answer.status(401).and("no CORS grant", HostileCase::noCorsGrant));
  }

  static void noCorsGrant(RawHttp.Response response) {
    assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
  }

  @Override
  public String toString() {
    return name + " -> " + answer;
  }

  /** What every task an accepted upload created must end as. */
  enum Outcome {
    SUCCESS,
    FAILURE,
    /** SUCCESS or FAILURE: either is sound, as long as it ends. */
    EITHER
  }

  /** A check on the response beyond its status, with what it checks for the report. */
  record Check(String what, Consumer<RawHttp.Response> check) {}

  /**
   * The statuses allowed, what accepted tasks must end as, and further checks. Every error status
   * must come with a problem+json body whatever the case.
   */
  record Answer(Set<Integer> statuses, Outcome tasks, List<Check> checks) {

    static Answer status(Integer... allowed) {
      return new Answer(Set.of(allowed), Outcome.EITHER, List.of());
    }

    /** 202, and every task the upload created ends as {@code outcome}. */
    static Answer accepted(Outcome outcome) {
      return new Answer(Set.of(202), outcome, List.of());
    }

    Answer and(String what, Consumer<RawHttp.Response> check) {
      List<Check> more = new ArrayList<>(checks);
      more.add(new Check(what, check));
      return new Answer(statuses, tasks, more);
    }

    Answer tasksEnd(Outcome outcome) {
      return new Answer(statuses, outcome, checks);
    }

    @Override
    public String toString() {
      String codes =
          statuses.stream().sorted().map(String::valueOf).collect(Collectors.joining("|"));
      String extra =
          checks.isEmpty() ? "" : " " + Arrays.toString(checks.stream().map(Check::what).toArray());
      return codes + (statuses.contains(202) ? " (" + tasks + ")" : "") + extra;
    }
  }
}
