package dev.ferry.control.apps;

import dev.ferry.control.error.DomainInUse;
import dev.ferry.control.error.DomainReserved;
import dev.ferry.control.error.InvalidDomain;
import dev.ferry.control.error.WildcardNotAllowed;
import dev.ferry.core.route.HostName;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.DomainTaken;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import java.util.Optional;

/**
 * Who may add which custom domain, checked before the store is written (docs/security.md, "Owned names"):
 * <ol>
 *   <li>no IP address, in any form a resolver accepts ({@code 127.0.0.1}, {@code 2130706433}, {@code 0x7f.1}):
 *   a name whose last label is all digits or starts with {@code 0x} is refused (no top-level domain is numeric);
 *   422 {@code invalid_domain};</li>
 *   <li>nothing under the apps' own domain, whose names are apps' defaults and tunnel preview names; 409
 *   {@code domain_reserved}, for admins too;</li>
 *   <li>a wildcard {@code *.D} only for admins, or for the owner of an app that has {@code D} itself as a custom
 *   domain, where {@code D} has at least two labels and does not cover the apps' domain; 403
 *   {@code wildcard_not_allowed};</li>
 *   <li>no name that another app has (409 {@code domain_taken}), that a route made with the routes API holds,
 *   or that another owner's wildcard domain or a wildcard route covers (409 {@code domain_in_use}); an admin may
 *   force these.</li>
 * </ol>
 */
final class DomainRules {

    private final AppStore store;
    private final RouteRegistry registry;
    private final String appsDomain;

    DomainRules(AppStore store, RouteRegistry registry, String appsDomain) {
        this.store = store;
        this.registry = registry;
        this.appsDomain = appsDomain;
    }

    /** Refuses what nobody may add (rules 1 to 3). */
    void checkAllowed(String hostname, User caller) {
        if (isIpAddress(hostname)) {
            throw new InvalidDomain("The domain " + hostname + " is an IP address; custom domains must be host names.");
        }
        if (covers(appsDomain, hostname)) {
            throw new DomainReserved(hostname, appsDomain);
        }
        if (HostName.isWildcard(hostname) && !caller.admin()) {
            checkWildcard(hostname, caller);
        }
    }

    /**
     * Refuses a name held by something else (rule 4).
     *
     * @return whether a route outside the apps holds it (for a forced add)
     */
    boolean checkFree(String hostname, App app, boolean force) {
        Optional<AppDomain> held = store.domain(hostname);
        if (held.isPresent() && (held.get().app().equals(app.name()) || !force)) {
            throw new DomainTaken(hostname);
        }
        boolean routed = held.isEmpty() && registry.table().route(hostname) != null;
        if (routed && !force) {
            throw new DomainInUse("The domain " + hostname + " is routed by the platform already; only an admin"
                    + " may add it to an app (with --force).");
        }
        if (!force) {
            checkNotUnderAnotherWildcard(hostname, app);
        }
        return routed;
    }

    private void checkWildcard(String hostname, User caller) {
        String base = hostname.substring(2);
        if (base.indexOf('.') < 0 || covers(hostname, appsDomain)) {
            throw new WildcardNotAllowed("Only an admin may add the wildcard domain " + hostname + ".");
        }
        boolean owned = store.domain(base).flatMap(this::ownerOf).map(caller.id()::equals).orElse(false);
        if (!owned) {
            throw new WildcardNotAllowed("To add " + hostname + ", first add " + base + " to one of the apps you own;"
                    + " otherwise only an admin may add it.");
        }
    }

    private Optional<UserId> ownerOf(AppDomain domain) {
        return store.app(domain.app()).map(App::owner);
    }

    /**
     * Refuses a name that a wildcard of someone else covers: another owner's wildcard domain, or a wildcard route
     * made with the routes API (the more specific name would take that route's traffic for it).
     */
    private void checkNotUnderAnotherWildcard(String hostname, App app) {
        String rest = HostName.isWildcard(hostname) ? hostname.substring(2) : hostname;
        for (int dot = rest.indexOf('.'); dot >= 0; dot = rest.indexOf('.', dot + 1)) {
            String wildcard = "*." + rest.substring(dot + 1);
            Optional<AppDomain> domain = store.domain(wildcard);
            if (domain.isPresent() && !ownerOf(domain.get()).equals(Optional.of(app.owner()))) {
                throw new DomainInUse("The domain " + hostname + " is covered by another user's wildcard domain;"
                        + " only an admin may add it (with --force).");
            }
            if (domain.isEmpty() && registry.table().route(wildcard) != null) {
                throw new DomainInUse("The domain " + hostname + " is covered by the platform's route " + wildcard
                        + "; only an admin may add it (with --force).");
            }
        }
    }

    /** True when {@code name} is {@code domain}, under it, or (for {@code *.x}) a wildcard covering it. */
    private static boolean covers(String domain, String name) {
        String suffix = HostName.isWildcard(domain) ? domain.substring(2) : domain;
        String bare = HostName.isWildcard(name) ? name.substring(2) : name;
        return bare.equals(suffix) || bare.endsWith("." + suffix);
    }

    /** True for the names a resolver reads as an IPv4 address; IPv6 literals never pass host-name validation. */
    static boolean isIpAddress(String hostname) {
        String last = hostname.substring(hostname.lastIndexOf('.') + 1);
        return last.chars().allMatch(Character::isDigit) || last.startsWith("0x");
    }
}
