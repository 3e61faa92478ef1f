package io.imagesearch.operator.scaling;

/** Where a cluster's Redis answers and the password it wants (null when it has none). */
public record RedisTarget(String host, int port, String password) {}
