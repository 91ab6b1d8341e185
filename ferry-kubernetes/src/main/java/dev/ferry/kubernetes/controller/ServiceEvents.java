package dev.ferry.kubernetes.controller;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the owner of a Service why the controller refused it: a {@code Warning} Event (core v1) on the Service, as
 * {@code kubectl describe service} shows it, reported by {@value #COMPONENT}. A failure to write the Event is logged,
 * never thrown: the refusal itself is already logged.
 */
final class ServiceEvents {

    /** The reporting component of the Events. */
    static final String COMPONENT = "ferry-kubernetes-controller";
    /** The reason of the Event of a refused {@code ferry.dev/domains}. */
    static final String INVALID_DOMAINS = "InvalidDomains";

    private static final Logger log = LoggerFactory.getLogger(ServiceEvents.class);

    private final KubernetesClient client;

    ServiceEvents(KubernetesClient client) {
        this.client = client;
    }

    void warn(Service service, String reason, String message) {
        String namespace = service.getMetadata().getNamespace();
        String now = Instant.now().toString();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(service.getMetadata().getName() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion("v1").withKind("Service").withNamespace(namespace)
                    .withName(service.getMetadata().getName()).withUid(service.getMetadata().getUid())
                    .withResourceVersion(service.getMetadata().getResourceVersion())
                    .endInvolvedObject()
                    .withType("Warning").withReason(reason).withMessage(message)
                    .withNewSource(COMPONENT, null)
                    .withReportingComponent(COMPONENT)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            log.warn("could not record the event '{}' on service {}/{}: {}", reason, namespace,
                    service.getMetadata().getName(), e.getMessage());
        }
    }
}
