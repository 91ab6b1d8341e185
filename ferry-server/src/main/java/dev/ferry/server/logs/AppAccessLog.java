package dev.ferry.server.logs;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.log.AccessLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The router's access log into each app's stream: finds the app of the request's host ({@link AppOfHost}, custom
 * domains cached for {@code cacheTtl}, 30 s) and appends a {@link LogLine#ROUTER} line ({@link RouterLogLine}).
 * Requests for hosts without a route (404 {@code no_such_app}) are not logged to any app.
 *
 * <p>Threading: it formats, locks and may ask the store, so it is a sink of the router's
 * {@link dev.ferry.router.log.QueuedAccessLog} and runs on that log's writer thread, never on an event loop.
 */
public final class AppAccessLog implements AccessLog {

    public static final Duration DEFAULT_CACHE_TTL = AppOfHost.DEFAULT_CACHE_TTL;

    private final AppLogs logs;
    private final AppOfHost appOfHost;

    public AppAccessLog(AppLogs logs, String appsDomain, Function<String, Optional<AppName>> customDomains) {
        this(logs, appsDomain, customDomains, DEFAULT_CACHE_TTL);
    }

    /**
     * @param appsDomain    the platform's apps domain ({@code localhost}): {@code <app>.localhost} is app {@code app}
     * @param customDomains the app of a custom domain, e.g. {@code host -> store.domain(host).map(AppDomain::app)}
     */
    public AppAccessLog(AppLogs logs, String appsDomain, Function<String, Optional<AppName>> customDomains,
                        Duration cacheTtl) {
        this(logs, new AppOfHost(appsDomain, customDomains, cacheTtl));
    }

    /** @param appOfHost the app of a request host, shared with the other sinks that need it */
    public AppAccessLog(AppLogs logs, AppOfHost appOfHost) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.appOfHost = Objects.requireNonNull(appOfHost, "appOfHost");
    }

    @Override
    public void log(AccessLogEntry entry) {
        if (entry.status() == 404 && entry.backendMs() < 0) {
            return;
        }
        appOfHost.apply(entry.host()).ifPresent(a ->
                logs.append(new LogLine(Instant.now(), a, LogLine.ROUTER, "router", RouterLogLine.of(entry))));
    }
}
