/**
 * The data plane's wiring, shared by {@code ferry up} and the {@code ferry router} role: {@link
 * dev.ferry.server.router.RouterWiring} (live routes, HTTP router, TCP routes), {@link dev.ferry.server.router.RouterNode}
 * (the router alone on a shared registry, run by {@code ferry router}), {@link
 * dev.ferry.server.router.RegistryTlsSource} (its certificates, as control nodes publish them in the registry).
 */
package dev.ferry.server.router;
