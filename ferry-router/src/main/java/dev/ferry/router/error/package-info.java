/**
 * Ferry's own error pages: {@link dev.ferry.router.error.ProxyError} names every failure a client can see
 * and {@link dev.ferry.router.error.ErrorPages} is the one place that renders them as HTML or JSON.
 */
package dev.ferry.router.error;
