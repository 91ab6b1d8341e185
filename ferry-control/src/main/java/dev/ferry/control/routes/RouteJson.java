package dev.ferry.control.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.api.HealthCheckInfo;
import dev.ferry.core.api.RouteInfo;
import dev.ferry.core.api.RouteTarget;
import dev.ferry.core.api.TcpRouteInfo;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HealthCheck;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.TcpRoute;
import java.util.List;

/**
 * Routes as the routes API shows them: {@link RouteInfo} for HTTP routes ({@code maxBodyBytes} 0 for no limit of
 * the route's own) and {@link TcpRouteInfo}, with {@code tcp://} URLs, for TCP routes. Every field is written, a
 * missing health check as {@code null}.
 */
final class RouteJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RouteJson() {
    }

    static RouteInfo http(Route route) {
        return new RouteInfo(route.domain(), targets(route.endpoints(), "http"), route.policy().balancing().wireName(),
                route.policy().affinity(), healthCheck(route.policy().healthCheck()), route.policy().maxBodyBytes(),
                route.policy().protocol().wireName());
    }

    static TcpRouteInfo tcp(TcpRoute route) {
        return new TcpRouteInfo(route.port(), targets(route.endpoints(), "tcp"), route.policy().balancing().wireName(),
                route.policy().affinity(), healthCheck(route.policy().healthCheck()));
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("route records always serialise", e);
        }
    }

    private static List<RouteTarget> targets(List<Endpoint> endpoints, String scheme) {
        return endpoints.stream().map(e -> new RouteTarget(e.id(), e.url(scheme), e.weight())).toList();
    }

    private static HealthCheckInfo healthCheck(HealthCheck h) {
        return h == null ? null : new HealthCheckInfo(h.path(), h.interval().toMillis(), h.timeout().toMillis(), h.rise(),
                h.fall());
    }
}
