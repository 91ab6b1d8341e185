package dev.ferry.server.tunnel;

import dev.ferry.control.tunnel.TunnelDirectory;
import dev.ferry.core.store.AppName;
import dev.ferry.tunnel.gateway.TunnelAuth;
import dev.ferry.tunnel.gateway.TunnelGateway;
import java.util.List;

/** The {@link TunnelDirectory} of a single-node platform: its one in-process gateway, or none when tunnels are off. */
public final class GatewayDirectoryOfPlatform implements TunnelDirectory {

    private final TunnelGateway gateway;
    private final String domain;

    /** @param gateway the running gateway, or {@code null} when tunnels are off */
    public GatewayDirectoryOfPlatform(TunnelGateway gateway, String domain) {
        this.gateway = gateway;
        this.domain = domain;
    }

    @Override
    public List<Gateway> gateways() {
        return gateway == null ? List.of()
                : List.of(new Gateway(gateway.advertisedHost(), gateway.port(), gateway.fingerprint()));
    }

    @Override
    public String previewHost(AppName app) {
        return TunnelAuth.previewHost(app, domain);
    }
}
