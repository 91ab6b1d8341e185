/**
 * TCP routes: {@link dev.ferry.router.tcp.TcpRouter} (configured by {@link dev.ferry.router.tcp.TcpRouterConfig})
 * listens on each TCP route's port and relays raw bytes to an endpoint of the route's pool.
 */
package dev.ferry.router.tcp;
