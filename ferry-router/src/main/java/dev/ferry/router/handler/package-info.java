/**
 * One small Netty handler per request concern on the client side of the proxy:
 * {@link dev.ferry.router.handler.HopByHopHandler}, {@link dev.ferry.router.handler.RequestIdHandler},
 * {@link dev.ferry.router.handler.ForwardedHeadersHandler},
 * {@link dev.ferry.router.handler.RequestHeaderTimeoutHandler} and
 * {@link dev.ferry.router.handler.IdleTimeoutHandler}; the pipeline that orders them is
 * {@link dev.ferry.router.proxy.ProxyInitializer}.
 */
package dev.ferry.router.handler;
