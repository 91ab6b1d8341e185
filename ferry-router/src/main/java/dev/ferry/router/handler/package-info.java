/**
 * Client connection concerns beside the HTTP path: connection caps ({@link dev.ferry.router.handler.ConnectionLimiter},
 * {@link dev.ferry.router.handler.ConnectionSlot}, {@link dev.ferry.router.handler.TooManyConnectionsHandler}),
 * trusted proxies ({@link dev.ferry.router.handler.TrustedProxies}), the {@code Forwarded} element
 * ({@link dev.ferry.router.handler.ForwardedElement}) and {@link dev.ferry.router.handler.IdleTimeoutHandler}; the
 * pipeline that orders them is {@link dev.ferry.router.proxy.ProxyInitializer}. The request head itself is
 * {@code dev.ferry.router.http1}'s.
 */
package dev.ferry.router.handler;
