/**
 * The router's HTTPS listener: {@link dev.ferry.router.tls.HttpsListener} binds it, {@link
 * dev.ferry.router.tls.SniCertificates} picks a certificate per SNI name from the store's certificates, {@link
 * dev.ferry.router.tls.TlsEngine} builds the contexts (BoringSSL when it loads, the JDK otherwise) and {@link
 * dev.ferry.router.tls.HttpsPolicies} holds each host's {@code --force-https} and HSTS settings; {@link
 * dev.ferry.router.tls.OcspStapler} fetches and caches the OCSP responses that handshakes staple; {@link
 * dev.ferry.router.tls.AcmeTlsAlpnSniHandler} and {@link dev.ferry.router.tls.TlsAlpnChallenges} answer ACME's
 * TLS-ALPN-01 for a ClientHello offering {@code acme-tls/1}.
 */
package dev.ferry.router.tls;
