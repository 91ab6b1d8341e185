/**
 * The platform's side of tunnels: {@link dev.ferry.server.tunnel.StoreTunnelAuth} checks agents' tokens against
 * the store, {@link dev.ferry.server.tunnel.GatewayDirectoryOfPlatform} describes the running gateways to the
 * control API, and {@link dev.ferry.server.tunnel.EndpointsOfSeparateGateways} applies separate gateways'
 * endpoints to the registry.
 */
package dev.ferry.server.tunnel;
