/**
 * The router's HTTPS wiring: {@link dev.ferry.server.tls.HttpsWiring} makes the router with its HTTPS listener and
 * {@link dev.ferry.server.tls.StoreTlsSource} feeds it from the store's certificates and the apps' hosts.
 */
package dev.ferry.server.tls;
