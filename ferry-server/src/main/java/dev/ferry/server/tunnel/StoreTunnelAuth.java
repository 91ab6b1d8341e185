package dev.ferry.server.tunnel;

import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.User;
import dev.ferry.tunnel.gateway.TunnelAuth;
import dev.ferry.tunnel.gateway.TunnelRefused;
import java.util.Objects;

/**
 * {@link TunnelAuth} over the platform's {@link AccountStore} and {@link AppStore}: the token must be valid and its
 * user the admin, the app's owner or a collaborator; the names are the preview name and the app's
 * {@link AppHostNames} ({@code <app>.<domain>} and its custom domains). A missing app is refused like a foreign one,
 * so names of apps nobody created are never served.
 */
public final class StoreTunnelAuth implements TunnelAuth {

    private final AccountStore accounts;
    private final AppStore apps;
    private final AppHostNames hostNames;

    public StoreTunnelAuth(AccountStore accounts, AppStore apps, String domain) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.hostNames = new AppHostNames(domain);
    }

    @Override
    public Grant authorize(String token, AppName app) throws TunnelRefused {
        User user = accounts.authenticate(token).orElseThrow(TunnelRefused::unauthorized);
        if (apps.app(app).isEmpty() || !(user.admin() || apps.canAccess(user.id(), app))) {
            throw TunnelRefused.forbidden(user.email(), app.value());
        }
        return new Grant(user.id(), app, TunnelAuth.previewHost(app, hostNames.domain()), hostNames.of(app, apps));
    }
}
