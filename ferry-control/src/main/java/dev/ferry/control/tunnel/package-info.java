/**
 * The tunnel part of the control API: {@link dev.ferry.control.tunnel.TunnelApi} tells an agent its gateways
 * as described by a {@link dev.ferry.control.tunnel.TunnelDirectory}, and the admin-only
 * {@link dev.ferry.control.tunnel.TunnelGatewaysApi} lets separate gateways register
 * ({@link dev.ferry.control.tunnel.RegisteredGateways}) and publish their tunnels.
 */
package dev.ferry.control.tunnel;
