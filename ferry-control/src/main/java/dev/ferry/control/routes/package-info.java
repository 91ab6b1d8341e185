/** The routes API over a {@link dev.ferry.core.route.RouteRegistry}: {@link dev.ferry.control.routes.RoutesApi} ({@code /api/routes}) and {@link dev.ferry.control.routes.TcpRoutesApi} ({@code /api/tcp-routes}). */
package dev.ferry.control.routes;
