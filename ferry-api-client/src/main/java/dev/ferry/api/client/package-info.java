/**
 * The one typed client of the control API, shared by the CLI and the separate gateway: {@link
 * dev.ferry.api.client.ControlApiClient} makes calls (JDK {@code HttpURLConnection}, JSON by Jackson, bodies as
 * ferry-core's {@code dev.ferry.core.api} records or trees) and reports {@link dev.ferry.api.client.ApiRefused},
 * {@link dev.ferry.api.client.ApiUnreachable} or {@link dev.ferry.api.client.ApiTimedOut};
 * its typed endpoints are grouped by resource: {@link dev.ferry.api.client.TunnelGatewayCalls},
 * {@link dev.ferry.api.client.AppCalls}, {@link dev.ferry.api.client.ReleaseCalls},
 * {@link dev.ferry.api.client.ConfigCalls}, {@link dev.ferry.api.client.DomainCalls},
 * {@link dev.ferry.api.client.ProcessCalls}, {@link dev.ferry.api.client.BuildCalls},
 * {@link dev.ferry.api.client.KeyCalls}, {@link dev.ferry.api.client.DrainCalls} and
 * {@link dev.ferry.api.client.CollaboratorCalls}. A call whose answer a command prints as it came ({@code --json})
 * returns a {@link dev.ferry.api.client.Read}: the tree and the record.
 */
package dev.ferry.api.client;
