package io.imagesearch.operator.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What the operator observed at observedGeneration. */
public class ImageSearchClusterStatus {
  public Long observedGeneration;
  public String phase;
  public List<Condition> conditions = new ArrayList<>();

  /** Ready and desired replicas by component (ingestApi, worker, redis, ...). */
  public Map<String, ComponentStatus> components = new TreeMap<>();

  /** In-cluster URLs by name (searchApi, ingestApi, cdn, redis, milvus, objectStore). */
  public Map<String, String> endpoints = new TreeMap<>();

  public Long queueDepth;
  public Integer workers;

  /** The models and the change of model in progress, as the workers' state in Redis says. */
  public ModelStatus model;

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageSearchClusterStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(phase, s.phase)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(components, s.components)
        && Objects.equals(endpoints, s.endpoints)
        && Objects.equals(queueDepth, s.queueDepth)
        && Objects.equals(workers, s.workers)
        && Objects.equals(model, s.model);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration, phase, conditions, components, endpoints, queueDepth, workers, model);
  }
}
