package dev.ferry.kubernetes.controller;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.kubernetes.endpoints.ReadyAddresses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every Service annotated {@value DomainsAnnotation#KEY} in the watched namespaces (all by default) to its
 * ready endpoints (the EndpointSlice port named {@value #HTTP_PORT_NAME}, else the first; ready and not terminating
 * addresses): informers on Services and EndpointSlices queue the Service they concern, and one thread brings the
 * {@link RouteRegistry} to what the caches say ({@link RegisteredRoutes}), so a pod that becomes ready or goes, an
 * annotation that changes or goes and a Service that is deleted reach the routers within the watch's latency. It
 * works for any Service: Ferry need not have created it.
 *
 * <p>A refused annotation (a bad host name) is logged and shown as a Warning Event on the Service, once per value,
 * and changes nothing: the Service keeps the hosts of its last good value. Endpoints are registered with
 * {@link ControllerConfig#endpointTtl()} and refreshed every {@link ControllerConfig#refreshInterval()}; stopping
 * the controller (leadership lost) leaves the routes for the next leader, which registers the same endpoint ids and
 * reads from the {@link RoutedHostsRecord} which hosts to undo for Services changed or deleted meanwhile.
 * One instance runs at a time, between {@link #start()} and {@link #close()}.
 */
public final class AnnotationController implements AutoCloseable {

    /** The label on an EndpointSlice naming its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** The EndpointSlice port routed when a Service has several; else its first. */
    public static final String HTTP_PORT_NAME = "http";
    private static final Logger log = LoggerFactory.getLogger(AnnotationController.class);
    private static final String BY_SERVICE = "by-service";
    private static final long RETRY_MILLIS = 1000;

    private final KubernetesClient client;
    private final ControllerConfig config;
    private final RegisteredRoutes routes;
    private final ServiceEvents events;
    private final RoutedHostsRecord record;
    /** What the record holds. Reconciling thread only. */
    private final Map<ServiceKey, Set<String>> recorded = new HashMap<>();
    private volatile boolean adopted;
    private final List<SharedIndexInformer<Service>> serviceInformers = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<EndpointSlice>> sliceInformers = new CopyOnWriteArrayList<>();
    private final Set<ServiceKey> pending = ConcurrentHashMap.newKeySet();
    /** The refused annotation value per Service, so each is reported once. Reconciling thread only. */
    private final Map<ServiceKey, String> refused = new HashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-kubernetes-controller");
        t.setDaemon(true);
        return t;
    });

    public AnnotationController(KubernetesClient client, RouteRegistry registry, ControllerConfig config) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.routes = new RegisteredRoutes(Objects.requireNonNull(registry, "registry"), config.endpointTtl());
        this.events = new ServiceEvents(client);
        this.record = new RoutedHostsRecord(client, config.recordNamespace());
    }

    /** Starts the informers and the refresh; returns at once (routes follow as the caches fill). */
    public synchronized void start() {
        if (!serviceInformers.isEmpty()) {
            throw new IllegalStateException("the controller is already started");
        }
        List<String> namespaces = config.watchNamespaces().isEmpty() ? Collections.singletonList(null)
                : config.watchNamespaces();
        for (String namespace : namespaces) {
            SharedIndexInformer<Service> services = namespace == null
                    ? client.services().inAnyNamespace().runnableInformer(0)
                    : client.services().inNamespace(namespace).runnableInformer(0);
            services.addEventHandler(handler(ServiceKey::of));
            SharedIndexInformer<EndpointSlice> slices = namespace == null
                    ? client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0)
                    : client.discovery().v1().endpointSlices().inNamespace(namespace).runnableInformer(0);
            slices.addIndexers(Map.of(BY_SERVICE, slice -> serviceOf(slice).map(k -> List.of(k.cacheKey())).orElse(List.of())));
            slices.addEventHandler(handler(slice -> serviceOf(slice).orElse(null)));
            serviceInformers.add(services);
            sliceInformers.add(slices);
        }
        worker.execute(this::adoptRecord); // first: the events the informers queue wait behind it
        sliceInformers.forEach(SharedIndexInformer::start);
        serviceInformers.forEach(SharedIndexInformer::start);
        long refresh = config.refreshInterval().toMillis();
        worker.scheduleWithFixedDelay(this::refresh, refresh, refresh, TimeUnit.MILLISECONDS);
        log.info("routing services annotated {} in {}", DomainsAnnotation.KEY,
                config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces());
    }

    /**
     * True once every informer has listed what it watches and what the previous leader routed has been taken over:
     * from then on, a change in the cluster is one reconcile away from the registry.
     */
    public boolean isReady() {
        return adopted && isSynced();
    }

    private boolean isSynced() {
        return !serviceInformers.isEmpty() && serviceInformers.stream().allMatch(SharedIndexInformer::hasSynced)
                && sliceInformers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Stops watching and refreshing; the registered routes stay (their TTL runs) for the next leader. */
    @Override
    public synchronized void close() {
        serviceInformers.forEach(SharedIndexInformer::stop);
        sliceInformers.forEach(SharedIndexInformer::stop);
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Function<T, ServiceKey> keyOf) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                enqueue(keyOf.apply(obj));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                enqueue(keyOf.apply(newObj));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                enqueue(keyOf.apply(obj));
            }
        };
    }

    private void enqueue(ServiceKey key) {
        if (key != null && !worker.isShutdown() && pending.add(key)) {
            worker.execute(() -> {
                pending.remove(key);
                reconcile(key);
            });
        }
    }

    private void reconcile(ServiceKey key) {
        try {
            Service service = service(key);
            String value = service == null || service.getMetadata().getAnnotations() == null ? null
                    : service.getMetadata().getAnnotations().get(DomainsAnnotation.KEY);
            if (value == null) {
                refused.remove(key);
                routes.forget(key);
                record(key, Set.of());
                return;
            }
            Set<String> hosts;
            try {
                hosts = DomainsAnnotation.parse(value, config.allowedDomains());
                refused.remove(key);
            } catch (InvalidDomainsAnnotation e) {
                if (!value.equals(refused.put(key, value))) {
                    log.warn("service {}: {}; its routes stay as they were", key, e.getMessage());
                    events.warn(service, ServiceEvents.INVALID_DOMAINS, e.getMessage() + "; Ferry's routes stay as they were");
                }
                hosts = routes.hostsOf(key);
                if (hosts.isEmpty()) {
                    return;
                }
            }
            routes.apply(key, hosts, readyEndpoints(key));
            record(key, hosts);
        } catch (RuntimeException e) {
            if (!worker.isShutdown()) {
                log.warn("could not route service {}, trying again: {}", key, e.toString());
                worker.schedule(() -> enqueue(key), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Once the caches are full, takes over what the record says a previous leader routed, and checks each. */
    private void adoptRecord() {
        try {
            while (!isSynced()) {
                if (worker.isShutdown()) {
                    return;
                }
                Thread.sleep(20);
            }
            recorded.putAll(record.load());
            recorded.forEach((key, hosts) -> {
                routes.adopt(key, hosts, readyEndpoints(key));
                enqueue(key);
            });
            routes.refreshAll();
            adopted = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!worker.isShutdown()) {
                log.warn("could not read what the previous leader routed, trying again: {}", e.toString());
                worker.schedule(this::adoptRecord, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void record(ServiceKey key, Set<String> hosts) {
        if (!hosts.equals(recorded.getOrDefault(key, Set.of()))) {
            record.save(key, hosts);
            if (hosts.isEmpty()) {
                recorded.remove(key);
            } else {
                recorded.put(key, hosts);
            }
        }
    }

    private void refresh() {
        try {
            routes.refreshAll();
        } catch (RuntimeException e) {
            log.warn("could not refresh the routes: {}", e.toString());
        }
    }

    private Service service(ServiceKey key) {
        for (SharedIndexInformer<Service> informer : serviceInformers) {
            Service service = informer.getStore().getByKey(key.cacheKey());
            if (service != null) {
                return service;
            }
        }
        return null;
    }

    private List<Endpoint> readyEndpoints(ServiceKey key) {
        List<EndpointSlice> slices = new ArrayList<>();
        for (SharedIndexInformer<EndpointSlice> informer : sliceInformers) {
            slices.addAll(informer.getIndexer().byIndex(BY_SERVICE, key.cacheKey()));
        }
        slices.sort(Comparator.comparing(s -> s.getMetadata().getName()));
        return List.copyOf(ReadyAddresses.of(slices, HTTP_PORT_NAME));
    }

    private static Optional<ServiceKey> serviceOf(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
        return service == null ? Optional.empty()
                : Optional.of(new ServiceKey(slice.getMetadata().getNamespace(), service));
    }
}
