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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's access log into each app's stream: finds the app of the request's host and appends a
 * {@link LogLine#ROUTER} line ({@link RouterLogLine}). {@code <app>.<domain>} is read from the name
 * ({@link AppHostNames#appOfDefaultHost}); any other host is a custom domain, looked up with {@code customDomains}
 * (the store) on a virtual thread of its own and cached for {@code cacheTtl} (30 s), including the answer "no app".
 * Requests for hosts without a route (404 {@code no_such_app}) are not logged to any app.
 *
 * <p>Threading: {@link #log} is called on the router's event loops and never blocks: a known host is appended
 * at once (a few list operations), an unknown one waits in a bounded queue (1,000; the newest is dropped and
 * counted when full). {@link #close} stops the lookup thread.
 */
public final class AppAccessLog implements AccessLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppAccessLog.class);
    private static final int LOOKUP_QUEUE = 1_000;
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);

    private record Cached(Optional<AppName> app, long expiresAtNanos) {
    }

    private final AppLogs logs;
    private final AppHostNames hostNames;
    private final Function<String, Optional<AppName>> customDomains;
    private final long cacheTtlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final BlockingQueue<AccessLogEntry> lookups = new ArrayBlockingQueue<>(LOOKUP_QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread lookupThread;

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
        this.lookupThread = Thread.ofVirtual().name("ferry-access-log-lookup").start(this::lookUp);
    }

    @Override
    public void log(AccessLogEntry entry) {
        if (entry.status() == 404 && entry.backendMs() < 0) {
            return;
        }
        String host = entry.host();
        if (hostNames.isUnderDomain(host)) {
            hostNames.appOfDefaultHost(host).ifPresent(app -> append(app, entry));
            return;
        }
        Cached cached = cache.get(host);
        if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
            cached.app().ifPresent(app -> append(app, entry));
        } else if (!lookups.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    private void lookUp() {
        try {
            while (true) {
                AccessLogEntry entry = lookups.take();
                Cached cached = cache.get(entry.host());
                if (cached == null || cached.expiresAtNanos() - System.nanoTime() <= 0) {
                    Optional<AppName> app;
                    try {
                        app = customDomains.apply(entry.host());
                    } catch (RuntimeException e) {
                        log.debug("cannot find the app of {}: {}", entry.host(), e.toString());
                        app = Optional.empty();
                    }
                    cached = new Cached(app, System.nanoTime() + cacheTtlNanos);
                    cache.put(entry.host(), cached);
                }
                cached.app().ifPresent(a -> append(a, entry));
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void append(AppName app, AccessLogEntry entry) {
        logs.append(new LogLine(Instant.now(), app, LogLine.ROUTER, "router", RouterLogLine.of(entry)));
    }

    /** Entries not logged because the lookup queue was full. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        lookupThread.interrupt();
    }
}
