/**
 * The device side of tunnels: {@link dev.ferry.tunnel.agent.TunnelAgent}, configured by
 * {@link dev.ferry.tunnel.agent.AgentConfig}, finds gateways through a {@link dev.ferry.tunnel.agent.GatewayDirectory}
 * and reports to an {@link dev.ferry.tunnel.agent.AgentListener}.
 */
package dev.ferry.tunnel.agent;
