package io.imagesearch.operator.api;

/** Ready versus desired replicas of one workload. */
public record ComponentStatus(int ready, int desired) {}
