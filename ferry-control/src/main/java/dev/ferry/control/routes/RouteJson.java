package dev.ferry.control.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HealthCheck;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.core.route.TcpRoute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form of routes, in a fixed field order:
 * {@code {"domain","targets":[{"id","url","weight"}],"balancing","affinity","healthCheck","maxBodyBytes"}} for
 * HTTP routes ({@code maxBodyBytes} 0 for no limit of the route's own) and {@code {"port","targets",...}}
 * without {@code maxBodyBytes}, with {@code tcp://} URLs, for TCP routes.
 */
final class RouteJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RouteJson() {
    }

    static Map<String, Object> http(Route route) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", route.domain());
        m.put("targets", targets(route.endpoints(), "http"));
        policy(m, route.policy());
        m.put("maxBodyBytes", route.policy().maxBodyBytes());
        return m;
    }

    static Map<String, Object> tcp(TcpRoute route) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("port", route.port());
        m.put("targets", targets(route.endpoints(), "tcp"));
        policy(m, route.policy());
        return m;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and lists always serialise", e);
        }
    }

    private static List<Map<String, Object>> targets(List<Endpoint> endpoints, String scheme) {
        return endpoints.stream().map(e -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", e.id());
            t.put("url", e.url(scheme));
            t.put("weight", e.weight());
            return t;
        }).toList();
    }

    private static void policy(Map<String, Object> m, RoutePolicy policy) {
        m.put("balancing", policy.balancing().wireName());
        m.put("affinity", policy.affinity());
        HealthCheck h = policy.healthCheck();
        if (h == null) {
            m.put("healthCheck", null);
        } else {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("path", h.path());
            hm.put("intervalMs", h.interval().toMillis());
            hm.put("timeoutMs", h.timeout().toMillis());
            hm.put("rise", h.rise());
            hm.put("fall", h.fall());
            m.put("healthCheck", hm);
        }
    }
}
