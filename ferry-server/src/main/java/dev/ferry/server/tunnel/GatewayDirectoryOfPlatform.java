package dev.ferry.server.tunnel;

import dev.ferry.control.tunnel.RegisteredGateways;
import dev.ferry.control.tunnel.TunnelDirectory;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.tunnel.gateway.TunnelAuth;
import dev.ferry.tunnel.gateway.TunnelGateway;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link TunnelDirectory} of a single-node platform: its in-process gateway (none when tunnels are off),
 * then the separate {@code ferry gateway} processes registered and alive.
 */
public final class GatewayDirectoryOfPlatform implements TunnelDirectory {

    private final TunnelGateway gateway;
    private final RegisteredGateways registered;
    private final AppHostNames hostNames;

    /** @param gateway the running in-process gateway, or {@code null} when the platform runs none */
    public GatewayDirectoryOfPlatform(TunnelGateway gateway, RegisteredGateways registered, String domain) {
        this.gateway = gateway;
        this.registered = registered;
        this.hostNames = new AppHostNames(domain);
    }

    @Override
    public List<Gateway> gateways() {
        List<Gateway> all = new ArrayList<>();
        if (gateway != null) {
            all.add(new Gateway(gateway.advertisedHost(), gateway.port(), gateway.fingerprint()));
        }
        all.addAll(registered.live());
        return all;
    }

    @Override
    public String previewHost(AppName app) {
        return TunnelAuth.previewHost(app, hostNames.domain());
    }

    @Override
    public AppHostNames hostNames() {
        return hostNames;
    }
}
