package io.imagesearch.operator.model;

/** A key of a named Secret in the cluster's namespace, as a secretKeyRef names it. */
public record SecretKey(String secret, String key) {}
