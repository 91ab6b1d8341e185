/**
 * The router's certificates on the control side: {@link dev.ferry.server.tls.StoreTlsSource} feeds the router from the
 * store's certificates and the apps' hosts, {@link dev.ferry.server.tls.AcmeWiring} starts the ACME issuers, and
 * {@link dev.ferry.server.tls.TlsPublishWiring} publishes the serving set ({@link dev.ferry.server.tls.TlsDocument},
 * keys sealed by {@link dev.ferry.server.tls.RouterCertificateKey}) in the registry for separate routers.
 */
package dev.ferry.server.tls;
