package dev.ferry.server.runtime;

import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The host names an app's web instances are registered under: {@code <app>.<domain>}, then its custom domains
 * from the {@link Store}, read at each call so that a domain added later is used by the next registration.
 */
public final class AppHosts implements Function<AppName, List<String>> {

    private final Store store;
    private final String domain;

    /** @param domain the apps' domain, e.g. {@code localhost} */
    public AppHosts(Store store, String domain) {
        this.store = Objects.requireNonNull(store, "store");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    @Override
    public List<String> apply(AppName app) {
        List<String> hosts = new ArrayList<>();
        hosts.add(app.value() + "." + domain);
        try {
            store.domains(app).stream().map(AppDomain::hostname).forEach(hosts::add);
        } catch (AppNotFound e) {
            // destroyed meanwhile: its default host is all there is to deregister
        }
        return List.copyOf(hosts);
    }
}
