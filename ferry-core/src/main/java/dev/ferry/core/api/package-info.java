/**
 * The control API's request and response bodies as records, written once for both ends: ferry-control serialises
 * them and the shared client ({@code ferry-api-client}, used by the CLI and the separate gateway) reads them. A
 * record's component names are the JSON field names; a {@code null} component is left out of the JSON. Entry
 * points: {@link dev.ferry.core.api.ApiError} (every error body), the tunnel gateway's
 * {@link dev.ferry.core.api.TunnelGrantRequest}/{@link dev.ferry.core.api.TunnelGrant},
 * {@link dev.ferry.core.api.GatewayRegistration}, {@link dev.ferry.core.api.EndpointPublication}, the agent's
 * {@link dev.ferry.core.api.TunnelInfo}, and the app verbs'
 * {@link dev.ferry.core.api.MaintenanceState}, {@link dev.ferry.core.api.ReleaseInfo} and
 * {@link dev.ferry.core.api.RollbackRequest}.
 */
package dev.ferry.core.api;
