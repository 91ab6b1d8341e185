/**
 * The router's entry points: {@link dev.ferry.router.Router} (the HTTP/1.1 reverse proxy listener),
 * its {@link dev.ferry.router.RouterConfig}, and the {@link dev.ferry.router.Transport} shared by every
 * part of the data plane.
 */
package dev.ferry.router;
