package io.imagesearch.operator.optional;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;

/**
 * A ScaledObject (keda.sh) with an untyped spec. Typed so its informer needs no API discovery: the
 * CRD may be missing, and JOSDK builds the informer even for an inactive dependent.
 */
@Group("keda.sh")
@Version("v1alpha1")
@Plural("scaledobjects")
public class ScaledObject extends CustomResource<Map<String, Object>, Void> implements Namespaced {
  @Override
  protected Map<String, Object> initSpec() {
    return new java.util.LinkedHashMap<>();
  }
}
