package dev.ferry.server.logs;

import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app a request host belongs to, for the access log's sinks ({@link AppAccessLog}, the usage and per-app
 * metrics sinks): {@code <app>.<domain>} is read from the name ({@link AppHostNames#appOfDefaultHost}); any other
 * host is a custom domain, looked up with {@code customDomains} (the store) and cached for {@code cacheTtl} (30 s
 * by default), including the answer "no app". Safe for use by many threads.
 */
public final class AppOfHost implements Function<String, Optional<AppName>> {

    private static final Logger log = LoggerFactory.getLogger(AppOfHost.class);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);

    private record Cached(Optional<AppName> app, long expiresAtNanos) {
    }

    private final AppHostNames hostNames;
    private final Function<String, Optional<AppName>> customDomains;
    private final long cacheTtlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param appsDomain    the platform's apps domain ({@code localhost}): {@code <app>.localhost} is app {@code app}
     * @param customDomains the app of a custom domain, e.g. {@code host -> store.domain(host).map(AppDomain::app)}
     */
    public AppOfHost(String appsDomain, Function<String, Optional<AppName>> customDomains, Duration cacheTtl) {
        this.hostNames = new AppHostNames(Objects.requireNonNull(appsDomain, "appsDomain").toLowerCase(Locale.ROOT));
        this.customDomains = Objects.requireNonNull(customDomains, "customDomains");
        this.cacheTtlNanos = cacheTtl.toNanos();
    }

    public AppOfHost(String appsDomain, Function<String, Optional<AppName>> customDomains) {
        this(appsDomain, customDomains, DEFAULT_CACHE_TTL);
    }

    @Override
    public Optional<AppName> apply(String host) {
        return hostNames.isUnderDomain(host) ? hostNames.appOfDefaultHost(host) : appOfCustom(host);
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
