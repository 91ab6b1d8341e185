package dev.ferry.tunnel.gateway;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's question to the platform: may this token publish this app, and under which names? In
 * {@code ferry up} the platform answers from its store (the token's user must own or collaborate on the app);
 * a separate gateway would ask the control API. Implementations may block (the gateway calls them off its
 * event loops).
 */
@FunctionalInterface
public interface TunnelAuth {

    /**
     * @return the names the tunnel may serve
     * @throws TunnelRefused with code {@code unauthorized} (no such token) or {@code forbidden} (the token's user
     *                       may not use the app, or the app does not exist), and a sentence for the device's user
     */
    Grant authorize(String token, AppName app) throws TunnelRefused;

    /**
     * {@link #authorize(String, AppName)} for an agent connecting from {@code client} (an IP literal); a gateway
     * whose platform counts failed authentications per address (a separate gateway asking the control API)
     * passes it on. Refusals may also have the code {@code too_many_failures} (the address failed too often).
     */
    default Grant authorize(String token, AppName app, String client) throws TunnelRefused {
        return authorize(token, app);
    }

    /**
     * What a tunnel of an app may serve: its preview name ({@code <app>--dev.<domain>}), always, and its own
     * names ({@code <app>.<domain>} and custom domains) with {@code --takeover}; {@code user} is whose token it
     * was, for closing the tunnel when that user's access goes.
     */
    record Grant(UserId user, AppName app, String previewHost, List<String> appHosts) {
        public Grant {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(previewHost, "previewHost");
            appHosts = List.copyOf(appHosts);
        }
    }

    /** The preview name of an app under the apps' domain: {@code <app>--dev.<domain>}. */
    static String previewHost(AppName app, String domain) {
        return app.value() + "--dev." + domain;
    }
}
