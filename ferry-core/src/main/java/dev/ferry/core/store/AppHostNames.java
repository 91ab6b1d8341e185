package dev.ferry.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The host names an app answers at: its default host {@code <app>.<domain>} under the platform's apps domain, then
 * its custom domains ({@link AppDomain}) in the order given, which is by host name when read from the
 * {@link AppStore}. The one place that spells them: the control API's routes and app info, the runtime's
 * registrations of web instances, and the tunnels' grants all ask it.
 *
 * @param domain the apps' domain, e.g. {@code localhost}
 */
public record AppHostNames(String domain) {

    public AppHostNames {
        Objects.requireNonNull(domain, "domain");
    }

    /** {@code <app>.<domain>}. */
    public String defaultHost(AppName app) {
        return app.value() + "." + domain;
    }

    /**
     * True when {@code host} ends with {@code .<domain>}: a name under the apps' domain, whether an app's default host
     * or not. Compared as given: routers pass host names in lower case.
     */
    public boolean isUnderDomain(String host) {
        int dot = host.length() - domain.length() - 1;
        return dot >= 0 && host.charAt(dot) == '.' && host.endsWith(domain);
    }

    /**
     * The app whose default host {@code host} is ({@code hello.<domain>} is {@code hello}), read from the name alone;
     * empty for any other host, a custom domain included. Compared as {@link #isUnderDomain} compares.
     */
    public Optional<AppName> appOfDefaultHost(String host) {
        if (!isUnderDomain(host)) {
            return Optional.empty();
        }
        String name = host.substring(0, host.length() - domain.length() - 1);
        return AppName.isValid(name) ? Optional.of(AppName.of(name)) : Optional.empty();
    }

    /** The default host, then the host names of {@code domains} in their order. */
    public List<String> of(AppName app, List<AppDomain> domains) {
        List<String> hosts = new ArrayList<>(1 + domains.size());
        hosts.add(defaultHost(app));
        domains.forEach(d -> hosts.add(d.hostname()));
        return List.copyOf(hosts);
    }

    /**
     * The default host, then the app's custom domains as {@code apps} holds them now.
     *
     * @throws AppNotFound when there is no such app
     */
    public List<String> of(AppName app, AppStore apps) {
        return of(app, apps.domains(app));
    }

    /**
     * {@link #of(AppName, AppStore)} read at each call, so that a domain added later is used by the next call, for
     * registering and deregistering an app's web instances: an app destroyed meanwhile has its default host alone,
     * all there is left to deregister.
     */
    public Function<AppName, List<String>> readingFrom(AppStore apps) {
        Objects.requireNonNull(apps, "apps");
        return app -> {
            try {
                return of(app, apps);
            } catch (AppNotFound e) {
                return List.of(defaultHost(app));
            }
        };
    }
}
