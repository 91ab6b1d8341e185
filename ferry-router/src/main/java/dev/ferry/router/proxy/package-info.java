/**
 * The HTTP/1.1 reverse proxy: {@link dev.ferry.router.proxy.ProxyInitializer} lists the client and backend
 * pipelines; {@link dev.ferry.router.proxy.FrontendHandler} (client to proxy) starts one
 * {@code Exchange} per request, which picks endpoints, retries, and relays the response read by
 * {@code BackendHandler} (origin to proxy); {@link dev.ferry.router.proxy.BackendConnectionPool} keeps
 * backend connections alive between requests; upgrades become a raw byte relay.
 */
package dev.ferry.router.proxy;
