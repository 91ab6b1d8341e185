package dev.ferry.kubernetes.controller;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the test plays in place of a cluster's own controllers: a Service created by hand (as {@code kubectl apply}
 * would) and the EndpointSlices that the endpoint controller would write for its pods.
 */
public final class Cluster {

    private final KubernetesClient client;

    public Cluster(KubernetesClient client) {
        this.client = client;
    }

    /** Creates or replaces a Service with these annotations (none when empty). */
    public Service service(String namespace, String name, Map<String, String> annotations) {
        Service service = new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().addNewPort().withName("http").withPort(80).endPort()
                .addToSelector("app", name).endSpec().build();
        return client.services().inNamespace(namespace).resource(service).createOr(r -> r.update());
    }

    /** A Service annotated {@code ferry.dev/domains: domains}. */
    public Service annotated(String namespace, String name, String domains) {
        return service(namespace, name, Map.of(DomainsAnnotation.KEY, domains));
    }

    public void deleteService(String namespace, String name) {
        client.services().inNamespace(namespace).withName(name).delete();
    }

    /**
     * Creates or replaces the EndpointSlice {@code slice} of a Service: its pods at {@code ready} addresses (ready)
     * and at {@code notReady} ones (not ready), on {@code port}, as the endpoint controller writes them.
     */
    public EndpointSlice slice(String namespace, String service, String slice, int port, List<String> ready,
                               List<String> notReady) {
        List<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint> endpoints = new ArrayList<>();
        ready.forEach(a -> endpoints.add(new EndpointBuilder().withAddresses(a).withNewConditions().withReady(true)
                .endConditions().build()));
        notReady.forEach(a -> endpoints.add(new EndpointBuilder().withAddresses(a).withNewConditions().withReady(false)
                .endConditions().build()));
        EndpointSlice object = new EndpointSliceBuilder().withNewMetadata().withNamespace(namespace).withName(slice)
                .addToLabels(AnnotationController.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType("IPv4").withEndpoints(endpoints)
                .addNewPort().withName("http").withPort(port).withProtocol("TCP").endPort().build();
        return client.discovery().v1().endpointSlices().inNamespace(namespace).resource(object).createOr(r -> r.update());
    }

    public void deleteSlice(String namespace, String slice) {
        client.discovery().v1().endpointSlices().inNamespace(namespace).withName(slice).delete();
    }
}
