/**
 * The {@code ferry gateway} role: {@link dev.ferry.server.gateway.GatewayCommand} runs a
 * {@link dev.ferry.server.gateway.SeparateGateway}, a tunnel gateway that uses the platform through its control
 * API ({@link dev.ferry.api.client.TunnelGatewayCalls}).
 */
package dev.ferry.server.gateway;
