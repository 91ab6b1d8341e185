/**
 * The gateway role: {@link dev.ferry.tunnel.gateway.TunnelGateway} accepts agents over TLS, checks them through
 * {@link dev.ferry.tunnel.gateway.TunnelAuth} and publishes each as a tunnel endpoint through
 * {@link dev.ferry.tunnel.gateway.TunnelEndpoints} (in {@code ferry up}, {@link
 * dev.ferry.tunnel.gateway.RegistryTunnelEndpoints} on the route registry).
 */
package dev.ferry.tunnel.gateway;
