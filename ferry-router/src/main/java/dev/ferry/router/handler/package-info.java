/**
 * One small Netty handler per request concern on the client side of the proxy: the codec
 * ({@link dev.ferry.router.handler.ClientHttpCodec}), the head checks
 * ({@link dev.ferry.router.handler.RequestSmugglingGuard}, {@link dev.ferry.router.handler.HeaderLimitHandler},
 * {@link dev.ferry.router.handler.HostHandler}), connection caps
 * ({@link dev.ferry.router.handler.ConnectionLimiter}, {@link dev.ferry.router.handler.ConnectionSlot},
 * {@link dev.ferry.router.handler.TooManyConnectionsHandler}),
 * {@link dev.ferry.router.handler.HopByHopHandler}, {@link dev.ferry.router.handler.RequestIdHandler},
 * {@link dev.ferry.router.handler.ForwardedHeadersHandler},
 * {@link dev.ferry.router.handler.RequestHeaderTimeoutHandler} and
 * {@link dev.ferry.router.handler.IdleTimeoutHandler}; the pipeline that orders them is
 * {@link dev.ferry.router.proxy.ProxyInitializer}.
 */
package dev.ferry.router.handler;
