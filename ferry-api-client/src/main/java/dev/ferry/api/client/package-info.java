/**
 * The one typed client of the control API, shared by the CLI and the separate gateway: {@link
 * dev.ferry.api.client.ControlApiClient} makes calls (JDK {@code HttpURLConnection}, JSON by Jackson, bodies as
 * ferry-core's {@code dev.ferry.core.api} records or trees) and reports {@link dev.ferry.api.client.ApiRefused},
 * {@link dev.ferry.api.client.ApiUnreachable} or {@link dev.ferry.api.client.ApiTimedOut};
 * {@link dev.ferry.api.client.TunnelGatewayCalls}, {@link dev.ferry.api.client.AppCalls} and
 * {@link dev.ferry.api.client.ReleaseCalls} are its typed endpoints.
 */
package dev.ferry.api.client;
