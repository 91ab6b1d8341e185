package dev.ferry.kubernetes.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the leader routes, kept in the cluster so that the next leader can undo it: the ConfigMap
 * {@value #NAME} (in the Lease's namespace) maps each routed Service ({@code namespace_name}: neither may contain
 * {@code _}) to its hosts, comma-separated. A leader that takes over reads it once its caches are full, so hosts
 * whose annotation changed, and Services deleted, while no one led lose their routes too. Written by a JSON merge
 * patch of one key per change; Ferry's Services are not written to.
 */
final class RoutedHostsRecord {

    /** The ConfigMap's name. */
    static final String NAME = "ferry-kubernetes-controller-routes";

    private final KubernetesClient client;
    private final String namespace;

    RoutedHostsRecord(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The recorded hosts of every Service; the ConfigMap is made, empty, when there is none. */
    Map<ServiceKey, Set<String>> load() {
        ConfigMap record = client.configMaps().inNamespace(namespace).withName(NAME).get();
        if (record == null) {
            try {
                client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
                        .withName(NAME).withNamespace(namespace).endMetadata().build()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) { // another replica made it first
                    throw e;
                }
            }
            return Map.of();
        }
        Map<ServiceKey, Set<String>> routed = new HashMap<>();
        if (record.getData() != null) {
            record.getData().forEach((key, hosts) -> {
                int cut = key.indexOf('_');
                if (cut > 0 && !hosts.isBlank()) {
                    routed.put(new ServiceKey(key.substring(0, cut), key.substring(cut + 1)),
                            Arrays.stream(hosts.split(",")).collect(Collectors.toCollection(LinkedHashSet::new)));
                }
            });
        }
        return routed;
    }

    /** Records {@code hosts} as the routes of {@code service}; none removes its entry. */
    void save(ServiceKey service, Set<String> hosts) {
        String value = hosts.isEmpty() ? "null" : "\"" + String.join(",", hosts) + "\"";
        client.configMaps().inNamespace(namespace).withName(NAME).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"data\":{\"" + service.namespace() + "_" + service.name() + "\":" + value + "}}");
    }
}
