package dev.ferry.store.route;

import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteTable;
import dev.ferry.core.route.TcpRoute;
import dev.ferry.store.route.internal.JournalLine;
import dev.ferry.store.route.internal.RedisKeys;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole route table out of Redis for {@link RedisRouteMirror}'s full loads: Ferry's hash in pages
 * of 1,000 ({@code HSCAN}, so Redis is never blocked by one large reply), with the Mini-PaaS routes laid over
 * the domains the hash does not name. A record that does not parse is skipped with a warning.
 */
final class RedisTableScan {

    private static final Logger LOG = LoggerFactory.getLogger(RedisTableScan.class);
    private static final int PAGE = 1000;

    private RedisTableScan() {
    }

    /** Ferry's own routes, from the hash. */
    static RouteTable ferryRoutes(RedisCommands<String, String> r, RedisKeys keys) {
        List<Route> http = new ArrayList<>();
        List<TcpRoute> tcp = new ArrayList<>();
        ScanArgs count = ScanArgs.Builder.limit(PAGE);
        MapScanCursor<String, String> cursor = r.hscan(keys.routes(), count);
        while (true) {
            cursor.getMap().forEach((field, record) -> {
                try {
                    if (JournalLine.parse(record) instanceof JournalLine.Set set) {
                        switch (set.state().toChange()) {
                            case RouteChange.HttpRouteSet h -> http.add(h.route());
                            case RouteChange.TcpRouteSet t -> tcp.add(t.route());
                            default -> throw new IllegalStateException("a set record sets a route");
                        }
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warn("skipping unreadable route '{}' in {}: {}", field, keys.routes(), e.getMessage());
                }
            });
            if (cursor.isFinished()) {
                return RouteTable.of(http, tcp);
            }
            cursor = r.hscan(keys.routes(), ScanCursor.of(cursor.getCursor()), count);
        }
    }

    /** Ferry's routes with the Mini-PaaS ones added for the domains Ferry's do not name. */
    static RouteTable overlay(RouteTable ferry, Map<String, Route> miniPaas) {
        if (miniPaas.isEmpty()) {
            return ferry;
        }
        List<Route> routes = new ArrayList<>(ferry.routes());
        miniPaas.forEach((domain, route) -> {
            if (ferry.route(domain) == null) {
                routes.add(route);
            }
        });
        return RouteTable.of(routes, ferry.tcpRoutes());
    }
}
