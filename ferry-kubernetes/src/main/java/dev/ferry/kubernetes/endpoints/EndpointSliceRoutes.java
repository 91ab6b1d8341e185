package dev.ferry.kubernetes.endpoints;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.store.AppName;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the ready pods of each app's web Service registered in the {@link RouteRegistry}, as the local runtime keeps
 * its healthy web instances: under every host of the app ({@code hostsOfApp}, read again on each refresh), with a
 * TTL refreshed every {@code refresh}, so that Ferry's routers balance, pin and health-check pods like any instance.
 * An informer watches the EndpointSlices of the web Services ({@code kubernetes.io/service-name=web}) in every
 * namespace named {@code <prefix><app>}; each change of an app's slices registers the addresses that became ready
 * and deregisters those that are no longer (a pod that stops is unready before it stops accepting, thanks to its
 * preStop sleep). Thread-safe; changes of one app are applied one at a time.
 */
public final class EndpointSliceRoutes implements AutoCloseable {

    /** The label the EndpointSlice controller puts on the slices of a Service. */
    public static final String SERVICE_NAME = "kubernetes.io/service-name";
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(EndpointSliceRoutes.class);

    private final RouteRegistry registry;
    private final Function<AppName, List<String>> hostsOfApp;
    private final String namespacePrefix;
    private final Duration ttl;
    private final SharedIndexInformer<EndpointSlice> informer;
    private final ScheduledExecutorService timer;
    /** What each app has registered: its endpoints and the hosts they are under. Guarded by itself. */
    private final Map<AppName, Registered> registered = new HashMap<>();

    /**
     * Starts watching at once; {@link #close} stops.
     *
     * @param servicePort the name of the Service port whose slices' port is registered ({@code http})
     */
    public EndpointSliceRoutes(KubernetesClient client, String namespacePrefix, String serviceName, String servicePort,
                               RouteRegistry registry, Function<AppName, List<String>> hostsOfApp, Duration ttl,
                               Duration refresh) {
        this.registry = registry;
        this.hostsOfApp = hostsOfApp;
        this.namespacePrefix = namespacePrefix;
        this.ttl = ttl;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-endpoint-slices");
            t.setDaemon(true);
            return t;
        });
        this.informer = client.discovery().v1().endpointSlices().inAnyNamespace().withLabel(SERVICE_NAME, serviceName)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(EndpointSlice slice) {
                        sync(slice.getMetadata().getNamespace(), servicePort);
                    }

                    @Override
                    public void onUpdate(EndpointSlice before, EndpointSlice after) {
                        sync(after.getMetadata().getNamespace(), servicePort);
                    }

                    @Override
                    public void onDelete(EndpointSlice slice, boolean unknownFinalState) {
                        sync(slice.getMetadata().getNamespace(), servicePort);
                    }
                });
        timer.scheduleWithFixedDelay(this::refreshAll, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The endpoints registered for {@code app} now. */
    public Set<Endpoint> registered(AppName app) {
        synchronized (registered) {
            return Set.copyOf(Optional.ofNullable(registered.get(app)).map(Registered::endpoints).orElse(Set.of()));
        }
    }

    /** Deregisters every endpoint of {@code app} (it was destroyed); a later slice of it registers again. */
    public void forget(AppName app) {
        synchronized (registered) {
            Registered r = registered.remove(app);
            if (r != null) {
                remove(r.endpoints(), r.hosts());
            }
        }
    }

    private void sync(String namespace, String servicePort) {
        Optional<AppName> app = appOf(namespace);
        if (app.isEmpty()) {
            return;
        }
        List<EndpointSlice> slices = informer.getStore().list().stream()
                .filter(s -> namespace.equals(s.getMetadata().getNamespace())).toList();
        Set<Endpoint> ready = ReadyAddresses.of(slices, servicePort);
        synchronized (registered) {
            Registered before = registered.getOrDefault(app.get(), new Registered(Set.of(), Set.of()));
            Set<String> hosts = hosts(app.get());
            Set<Endpoint> gone = new HashSet<>(before.endpoints());
            gone.removeAll(ready);
            add(ready, hosts);
            remove(gone, before.hosts());
            if (ready.isEmpty()) {
                registered.remove(app.get());
            } else {
                registered.put(app.get(), new Registered(ready, hosts));
            }
        }
    }

    private void refreshAll() {
        synchronized (registered) {
            for (var e : registered.entrySet()) {
                Set<String> hosts = hosts(e.getKey());
                add(e.getValue().endpoints(), hosts);
                Set<String> goneHosts = new HashSet<>(e.getValue().hosts());
                goneHosts.removeAll(hosts);
                remove(e.getValue().endpoints(), goneHosts);
                e.setValue(new Registered(e.getValue().endpoints(), hosts));
            }
        }
    }

    private void add(Set<Endpoint> endpoints, Set<String> hosts) {
        for (String host : hosts) {
            for (Endpoint endpoint : endpoints) {
                try {
                    registry.addEndpoint(host, endpoint, Optional.of(ttl));
                } catch (RuntimeException e) {
                    log.warn("could not register {} under {}: {}", endpoint.authority(), host, e.toString());
                }
            }
        }
    }

    private void remove(Set<Endpoint> endpoints, Set<String> hosts) {
        for (String host : hosts) {
            for (Endpoint endpoint : endpoints) {
                try {
                    registry.removeEndpoint(host, endpoint.id());
                } catch (RuntimeException e) {
                    log.warn("could not deregister {} from {}: {}", endpoint.authority(), host, e.toString());
                }
            }
        }
    }

    private Set<String> hosts(AppName app) {
        try {
            return new LinkedHashSet<>(hostsOfApp.apply(app));
        } catch (RuntimeException e) {
            log.warn("could not read the hosts of {}: {}", app, e.toString());
            return new LinkedHashSet<>();
        }
    }

    private Optional<AppName> appOf(String namespace) {
        if (namespace == null || !namespace.startsWith(namespacePrefix)) {
            return Optional.empty();
        }
        String name = namespace.substring(namespacePrefix.length());
        return AppName.isValid(name) ? Optional.of(AppName.of(name)) : Optional.empty();
    }

    /** Stops watching; what is registered stays until its TTL ends (the pods keep serving without Ferry). */
    @Override
    public void close() {
        timer.shutdownNow();
        informer.close();
    }

    private record Registered(Set<Endpoint> endpoints, Set<String> hosts) {
    }
}
