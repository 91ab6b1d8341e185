/**
 * {@code ferry tunnel PORT}: {@link dev.ferry.cli.tunnel.TunnelCommand} runs the tunnel agent, finding gateways
 * through {@link dev.ferry.cli.tunnel.ApiGatewayDirectory}.
 */
package dev.ferry.cli.tunnel;
