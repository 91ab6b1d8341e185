/**
 * Ferry's own HTTP/1.1 path for the proxy, the one the live pipeline ({@code ProxyInitializer}) uses. A client's
 * request head is read once, in place ({@link dev.ferry.router.http1.RequestHeadParser} into a
 * {@link dev.ferry.router.http1.RequestHead}), checked and edited by the rules
 * {@link dev.ferry.router.http1.RequestHeadRules} lists in order, and written to the backend as the client's own
 * bytes minus dropped fields plus added ones ({@link dev.ferry.router.http1.BackendRequestWriter}); a backend's
 * response the same way ({@link dev.ferry.router.http1.ResponseHeadParser},
 * {@link dev.ferry.router.http1.ClientResponseWriter}); bodies pass as slices framed by
 * {@link dev.ferry.router.http1.BodyFramer}. The Netty handlers that carry them are
 * {@link dev.ferry.router.http1.ClientRequestReader} and {@link dev.ferry.router.http1.BackendResponseReader}.
 */
package dev.ferry.router.http1;
