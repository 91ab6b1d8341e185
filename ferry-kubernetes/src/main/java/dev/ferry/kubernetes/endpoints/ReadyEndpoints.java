package dev.ferry.kubernetes.endpoints;

import dev.ferry.core.route.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ready addresses of one Service, read from its EndpointSlices (the {@code kubernetes.io/service-name} label ties
 * a slice to its Service), as route {@link Endpoint}s with the default weight and the address-derived id, so the same
 * pod address is the same endpoint whoever registers it.
 *
 * <p>An address counts when its {@code ready} condition is true or absent (Kubernetes: "nil should be interpreted
 * as true"). The port is the slice's port named {@value #HTTP_PORT_NAME}, else its first port; a slice without a port
 * adds nothing. An address listed in two slices (as during a slice's replacement) is one endpoint.
 */
public final class ReadyEndpoints {

    /** The label on an EndpointSlice naming its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** The port name preferred when a slice has several. */
    public static final String HTTP_PORT_NAME = "http";

    private ReadyEndpoints() {
    }

    /** The ready endpoints of these slices, in the slices' order, without duplicates. */
    public static List<Endpoint> of(Collection<EndpointSlice> slices) {
        Map<String, Endpoint> ready = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            Optional<Integer> port = port(slice);
            if (port.isEmpty() || slice.getEndpoints() == null) {
                continue;
            }
            for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint address : slice.getEndpoints()) {
                if (!isReady(address.getConditions()) || address.getAddresses() == null) {
                    continue;
                }
                for (String host : address.getAddresses()) {
                    Endpoint endpoint = Endpoint.of(host, port.get());
                    ready.putIfAbsent(endpoint.id(), endpoint);
                }
            }
        }
        return List.copyOf(ready.values());
    }

    private static boolean isReady(EndpointConditions conditions) {
        return conditions == null || conditions.getReady() == null || conditions.getReady();
    }

    private static Optional<Integer> port(EndpointSlice slice) {
        List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
        return ports.stream().filter(p -> HTTP_PORT_NAME.equals(p.getName()) && p.getPort() != null).findFirst()
                .or(() -> ports.stream().filter(p -> p.getPort() != null).findFirst())
                .map(EndpointPort::getPort);
    }
}
