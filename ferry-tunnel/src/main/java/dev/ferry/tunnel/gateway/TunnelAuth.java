package dev.ferry.tunnel.gateway;

import dev.ferry.core.store.AppName;
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
     * What a tunnel of an app may serve: its preview name ({@code <app>--dev.<domain>}), always, and its own
     * names ({@code <app>.<domain>} and custom domains) with {@code --takeover}.
     */
    record Grant(AppName app, String previewHost, List<String> appHosts) {
        public Grant {
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
