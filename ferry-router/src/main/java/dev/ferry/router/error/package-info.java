/**
 * Ferry's own error pages: {@link dev.ferry.router.error.ProxyError} names every failure a client can see,
 * {@link dev.ferry.router.error.RequestRefused} carries a refused request head to it, and
 * {@link dev.ferry.router.error.ErrorPages} is the one place that renders them as HTML or JSON.
 */
package dev.ferry.router.error;
