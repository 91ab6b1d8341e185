package dev.ferry.control.tunnel;

import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import java.util.List;
import java.util.Objects;

/**
 * What the platform knows about its tunnel gateways, for {@link TunnelApi}: where agents dial, the fingerprint
 * of each gateway's certificate (agents pin it), and the preview name of an app. The platform implements it
 * over its running gateway; an empty list means tunnels are off.
 */
public interface TunnelDirectory {

    List<Gateway> gateways();

    /** {@code <app>--dev.<domain>}. */
    String previewHost(AppName app);

    /** The apps' host names ({@code <app>.<domain>}, custom domains), which a tunnel serves with {@code --takeover}. */
    AppHostNames hostNames();

    /** One gateway as agents see it. */
    record Gateway(String host, int port, String fingerprint) {
        public Gateway {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }
}
