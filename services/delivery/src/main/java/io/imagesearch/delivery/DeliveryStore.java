package io.imagesearch.delivery;

import io.imagesearch.core.port.ObjectStore;

/**
 * The object store the delivery port reads, when it is not the application's primary one: the cdn
 * hands it MinIO itself, as the port keeps its own cache and a second one in front would hold every
 * object twice.
 */
public record DeliveryStore(ObjectStore store) {}
