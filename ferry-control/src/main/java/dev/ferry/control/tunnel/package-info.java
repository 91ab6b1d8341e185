/**
 * The tunnel part of the control API: {@link dev.ferry.control.tunnel.TunnelApi} tells an agent its gateways
 * as described by a {@link dev.ferry.control.tunnel.TunnelDirectory}.
 */
package dev.ferry.control.tunnel;
