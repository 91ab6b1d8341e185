package dev.ferry.kubernetes.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/** A Service by namespace and name, as the informers' caches key it ({@code namespace/name}). */
record ServiceKey(String namespace, String name) {

    ServiceKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    static ServiceKey of(HasMetadata service) {
        return new ServiceKey(service.getMetadata().getNamespace(), service.getMetadata().getName());
    }

    String cacheKey() {
        return namespace + "/" + name;
    }

    @Override
    public String toString() {
        return cacheKey();
    }
}
