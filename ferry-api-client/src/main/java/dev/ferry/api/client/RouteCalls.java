package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.core.api.RouteInfo;
import dev.ferry.core.api.RouteRequest;
import dev.ferry.core.api.TcpRouteInfo;
import dev.ferry.core.api.TcpRouteRequest;
import java.util.List;
import java.util.Objects;

/**
 * The typed calls about routes made with the routes API (admins only): HTTP routes by domain and TCP routes by the
 * router's port. A list is every page, returned as the API answered it (to print) and as records; the answer of a
 * change is the route as it now is.
 */
public final class RouteCalls {

    private final ControlApiClient api;

    public RouteCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/routes}, every page. */
    public Read<List<RouteInfo>> list() {
        return all("/api/routes", RouteInfo.class);
    }

    /** {@code POST /api/routes}: a target (and policy) added to a route, made when absent. */
    public RouteInfo add(RouteRequest request) {
        return api.call("POST", "/api/routes", request, RouteInfo.class);
    }

    /** {@code DELETE /api/routes/{domain}}: the route with all its targets. */
    public void remove(String domain) {
        api.call("DELETE", "/api/routes/" + AppPath.segment(domain), null);
    }

    /** {@code DELETE /api/routes/{domain}/targets?url=}: one target; answers what is left. */
    public RouteInfo removeTarget(String domain, String url) {
        return api.call("DELETE", "/api/routes/" + AppPath.segment(domain) + "/targets?url=" + AppPath.segment(url), null,
                RouteInfo.class);
    }

    /** {@code GET /api/tcp-routes}, every page. */
    public Read<List<TcpRouteInfo>> tcpList() {
        return all("/api/tcp-routes", TcpRouteInfo.class);
    }

    /** {@code POST /api/tcp-routes}: a target added to the TCP route of a port, made when absent. */
    public TcpRouteInfo tcpAdd(TcpRouteRequest request) {
        return api.call("POST", "/api/tcp-routes", request, TcpRouteInfo.class);
    }

    /** {@code DELETE /api/tcp-routes/{port}}. */
    public void tcpRemove(int port) {
        api.call("DELETE", "/api/tcp-routes/" + port, null);
    }

    /** {@code DELETE /api/tcp-routes/{port}/targets?url=}: one target; answers what is left. */
    public TcpRouteInfo tcpRemoveTarget(int port, String url) {
        return api.call("DELETE", "/api/tcp-routes/" + port + "/targets?url=" + AppPath.segment(url), null,
                TcpRouteInfo.class);
    }

    private <T> Read<List<T>> all(String path, Class<T> type) {
        List<JsonNode> pages = api.getAll(path);
        return new Read<>(JsonNodeFactory.instance.arrayNode().addAll(pages),
                pages.stream().map(route -> ApiJson.read(route, type)).toList());
    }
}
