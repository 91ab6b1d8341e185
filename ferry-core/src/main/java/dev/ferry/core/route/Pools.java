package dev.ferry.core.route;

import java.util.ArrayList;
import java.util.List;

/** List operations shared by {@link Route} and {@link TcpRoute} pools. */
final class Pools {

    private Pools() {
    }

    /** {@code endpoints} with {@code endpoint} appended, or replacing the one of the same id in place. */
    static List<Endpoint> with(List<Endpoint> endpoints, Endpoint endpoint) {
        List<Endpoint> list = new ArrayList<>(endpoints.size() + 1);
        boolean replaced = false;
        for (Endpoint e : endpoints) {
            if (e.id().equals(endpoint.id())) {
                list.add(endpoint);
                replaced = true;
            } else {
                list.add(e);
            }
        }
        if (!replaced) {
            list.add(endpoint);
        }
        return list;
    }

    /** {@code endpoints} without the one of that id. */
    static List<Endpoint> without(List<Endpoint> endpoints, String endpointId) {
        return endpoints.stream().filter(e -> !e.id().equals(endpointId)).toList();
    }

    /** Refuses a pool that lists one endpoint twice. */
    static void checkDistinct(List<Endpoint> endpoints, String routeName) {
        if (endpoints.size() > 1 && endpoints.stream().map(Endpoint::id).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("route " + routeName + " lists an endpoint twice");
        }
    }
}
