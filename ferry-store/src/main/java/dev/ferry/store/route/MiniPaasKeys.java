package dev.ferry.store.route;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.HostName;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Mini-PaaS layout: a string key {@code route:<domain>} holding one plain target URL
 * ({@code http://127.0.0.1:9001}) is a route of that domain to that one endpoint, with the default policy. A key
 * whose domain or URL does not parse is skipped with one warning per key and value.
 */
final class MiniPaasKeys {

    private static final Logger LOG = LoggerFactory.getLogger(MiniPaasKeys.class);
    private static final int BATCH = 500;

    private final String prefix;
    private final Set<String> warned = new HashSet<>();

    MiniPaasKeys(String prefix) {
        this.prefix = prefix;
    }

    /** Every Mini-PaaS route now in Redis, by normalised domain. */
    Map<String, Route> read(RedisCommands<String, String> redis) {
        List<String> keys = new ArrayList<>();
        ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
        KeyScanCursor<String> cursor = redis.scan(match);
        keys.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
            keys.addAll(cursor.getKeys());
        }
        Map<String, Route> routes = new HashMap<>();
        for (int i = 0; i < keys.size(); i += BATCH) {
            for (KeyValue<String, String> kv : redis.mget(keys.subList(i, Math.min(keys.size(), i + BATCH)).toArray(String[]::new))) {
                if (kv.hasValue()) {
                    parse(kv.getKey(), kv.getValue(), routes);
                }
            }
        }
        return routes;
    }

    private void parse(String key, String url, Map<String, Route> routes) {
        try {
            String domain = HostName.normalizeDomain(key.substring(prefix.length()));
            routes.put(domain, new Route(domain, List.of(Endpoint.parseUrl(url, "http", Endpoint.DEFAULT_WEIGHT)),
                    RoutePolicy.DEFAULT));
        } catch (IllegalArgumentException e) {
            if (warned.add(key + " " + url)) {
                LOG.warn("ignoring Mini-PaaS key {}: {}", key, e.getMessage());
            }
        }
    }
}
