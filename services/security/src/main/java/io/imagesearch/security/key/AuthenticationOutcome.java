package io.imagesearch.security.key;

/** The answer to a presented key: a principal, or the reason it was refused. */
public sealed interface AuthenticationOutcome {

  record Accepted(ApiPrincipal principal) implements AuthenticationOutcome {}

  record Rejected(Rejection reason) implements AuthenticationOutcome {}
}
