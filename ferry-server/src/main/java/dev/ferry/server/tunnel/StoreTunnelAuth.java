package dev.ferry.server.tunnel;

import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Store;
import dev.ferry.core.store.User;
import dev.ferry.tunnel.gateway.TunnelAuth;
import dev.ferry.tunnel.gateway.TunnelRefused;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link TunnelAuth} over the platform's {@link Store}: the token must be valid and its user the admin, the
 * app's owner or a collaborator; the names are the preview name, {@code <app>.<domain>} and the app's custom
 * domains. A missing app is refused like a foreign one, so names of apps nobody created are never served.
 */
public final class StoreTunnelAuth implements TunnelAuth {

    private final Store store;
    private final String domain;

    public StoreTunnelAuth(Store store, String domain) {
        this.store = Objects.requireNonNull(store, "store");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    @Override
    public Grant authorize(String token, AppName app) throws TunnelRefused {
        User user = store.authenticate(token).orElseThrow(TunnelRefused::unauthorized);
        if (store.app(app).isEmpty() || !(user.admin() || store.canAccess(user.id(), app))) {
            throw TunnelRefused.forbidden(user.email(), app.value());
        }
        List<String> hosts = new ArrayList<>();
        hosts.add(app.value() + "." + domain);
        for (AppDomain d : store.domains(app)) {
            hosts.add(d.hostname());
        }
        return new Grant(user.id(), app, TunnelAuth.previewHost(app, domain), hosts);
    }
}
