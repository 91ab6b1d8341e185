package dev.ferry.server.logs;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.log.AccessLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's access log into each app's stream: finds the app of the request's host and appends a
 * {@link LogLine#ROUTER} line ({@link RouterLogLine}). {@code <app>.<domain>} is read from the name
 * ({@link AppHostNames#appOfDefaultHost}); any other host is a custom domain, looked up with {@code customDomains}
 * (the store) and cached for {@code cacheTtl} (30 s), including the answer "no app". Requests for hosts without a
 * route (404 {@code no_such_app}) are not logged to any app.
 *
 * <p>Threading: it formats, locks and may ask the store, so it is a sink of the router's
 * {@link dev.ferry.router.log.QueuedAccessLog} and runs on that log's writer thread, never on an event loop.
 */
public final class AppAccessLog implements AccessLog {

    private static final Logger log = LoggerFactory.getLogger(AppAccessLog.class);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);

    private record Cached(Optional<AppName> app, long expiresAtNanos) {
    }

    private final AppLogs logs;
    private final AppHostNames hostNames;
    private final Function<String, Optional<AppName>> customDomains;
    private final long cacheTtlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public AppAccessLog(AppLogs logs, String appsDomain, Function<String, Optional<AppName>> customDomains) {
        this(logs, appsDomain, customDomains, DEFAULT_CACHE_TTL);
    }

    /**
     * @param appsDomain    the platform's apps domain ({@code localhost}): {@code <app>.localhost} is app {@code app}
     * @param customDomains the app of a custom domain, e.g. {@code host -> store.domain(host).map(AppDomain::app)}
     */
    public AppAccessLog(AppLogs logs, String appsDomain, Function<String, Optional<AppName>> customDomains,
                        Duration cacheTtl) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.hostNames = new AppHostNames(
                Objects.requireNonNull(appsDomain, "appsDomain").toLowerCase(java.util.Locale.ROOT));
        this.customDomains = Objects.requireNonNull(customDomains, "customDomains");
        this.cacheTtlNanos = cacheTtl.toNanos();
    }

    @Override
    public void log(AccessLogEntry entry) {
        if (entry.status() == 404 && entry.backendMs() < 0) {
            return;
        }
        String host = entry.host();
        Optional<AppName> app = hostNames.isUnderDomain(host) ? hostNames.appOfDefaultHost(host) : appOfCustom(host);
        app.ifPresent(a -> logs.append(new LogLine(Instant.now(), a, LogLine.ROUTER, "router", RouterLogLine.of(entry))));
    }

    private Optional<AppName> appOfCustom(String host) {
        Cached cached = cache.get(host);
        if (cached == null || cached.expiresAtNanos() - System.nanoTime() <= 0) {
            Optional<AppName> app;
            try {
                app = customDomains.apply(host);
            } catch (RuntimeException e) {
                log.debug("cannot find the app of {}: {}", host, e.toString());
                app = Optional.empty();
            }
            cached = new Cached(app, System.nanoTime() + cacheTtlNanos);
            cache.put(host, cached);
        }
        return cached.app();
    }
}
