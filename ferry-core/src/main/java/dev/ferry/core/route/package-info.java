/**
 * The route vocabulary shared by every role: {@link dev.ferry.core.route.Route} and
 * {@link dev.ferry.core.route.TcpRoute} with their {@link dev.ferry.core.route.Endpoint}s, the immutable
 * {@link dev.ferry.core.route.RouteTable} snapshot and its {@link dev.ferry.core.route.RouteChange} diffs,
 * and the {@link dev.ferry.core.route.RouteRegistry} port that owns them.
 */
package dev.ferry.core.route;
