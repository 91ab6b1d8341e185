/**
 * The control API's request and response bodies as records, written once for both ends: ferry-control serialises
 * them and the shared client ({@code ferry-api-client}, used by the CLI and the separate gateway) reads them. A
 * record's component names are the JSON field names; a {@code null} component is left out of the JSON. Entry
 * points: {@link dev.ferry.core.api.ApiError} (every error body), the tunnel gateway's
 * {@link dev.ferry.core.api.TunnelGrantRequest}/{@link dev.ferry.core.api.TunnelGrant},
 * {@link dev.ferry.core.api.GatewayRegistration}, {@link dev.ferry.core.api.EndpointPublication}, the agent's
 * {@link dev.ferry.core.api.TunnelInfo}, and the app verbs'
 * {@link dev.ferry.core.api.MaintenanceState}, {@link dev.ferry.core.api.ReleaseInfo} and
 * {@link dev.ferry.core.api.RollbackRequest}; then one or more records per resource of an app: apps
 * ({@link dev.ferry.core.api.AppSummary}, {@link dev.ferry.core.api.AppDetail}), config
 * ({@link dev.ferry.core.api.ConfigChange}), domains, processes ({@link dev.ferry.core.api.ProcessInfo}), builds,
 * SSH keys, drains and collaborators. A few answers have always written a missing value as JSON {@code null}
 * ({@code AppDetail}, {@code EventInfo}, {@code ProcessInfo}, {@code BuildInfo}): their records say so, and
 * ferry-control writes them that way.
 */
package dev.ferry.core.api;
