/**
 * Ferry's own HTTP/1.1 path for the proxy: a client request head is read once, in place
 * ({@link dev.ferry.router.http1.RequestHeadParser} into a {@link dev.ferry.router.http1.RequestHead}), checked
 * and edited by the rules {@link dev.ferry.router.http1.RequestHeadRules} lists in order, and written to the
 * backend as the client's own bytes minus dropped fields plus added ones
 * ({@link dev.ferry.router.http1.BackendRequestWriter}).
 */
package dev.ferry.router.http1;
