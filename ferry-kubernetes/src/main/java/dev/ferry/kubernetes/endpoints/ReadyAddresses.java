package dev.ferry.kubernetes.endpoints;

import dev.ferry.core.route.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ready addresses of EndpointSlices as route endpoints ({@code ip:port}, with the address-derived id): an
 * address counts when its endpoint's {@code ready} condition is true or unset (the API says to read unset as
 * ready) and it is not terminating; the port is the slice's port of the given name, else its first port.
 */
public final class ReadyAddresses {

    private ReadyAddresses() {
    }

    /** The ready endpoints of all {@code slices} (of one Service), without duplicates, in order. */
    public static Set<Endpoint> of(List<EndpointSlice> slices, String portName) {
        Set<Endpoint> ready = new LinkedHashSet<>();
        for (EndpointSlice slice : slices) {
            Optional<Integer> port = port(slice, portName);
            if (port.isEmpty() || slice.getEndpoints() == null) {
                continue;
            }
            for (var e : slice.getEndpoints()) {
                var c = e.getConditions();
                boolean isReady = c == null || ((c.getReady() == null || c.getReady())
                        && !Boolean.TRUE.equals(c.getTerminating()));
                if (isReady && e.getAddresses() != null) {
                    e.getAddresses().forEach(address -> ready.add(Endpoint.of(address, port.get())));
                }
            }
        }
        return ready;
    }

    private static Optional<Integer> port(EndpointSlice slice, String name) {
        List<EndpointPort> ports = slice.getPorts();
        if (ports == null || ports.isEmpty()) {
            return Optional.empty();
        }
        return ports.stream().filter(p -> name.equals(p.getName())).findFirst().or(() -> Optional.of(ports.get(0)))
                .map(EndpointPort::getPort);
    }
}
