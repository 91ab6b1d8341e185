/**
 * The platform's side of tunnels: {@link dev.ferry.server.tunnel.StoreTunnelAuth} checks agents' tokens against
 * the store, and {@link dev.ferry.server.tunnel.GatewayDirectoryOfPlatform} describes the running gateway to the
 * control API.
 */
package dev.ferry.server.tunnel;
