/**
 * Certificates over ACME (Let's Encrypt or any ACME CA, by acme4j): {@link dev.ferry.control.acme.AcmeIssuer} orders
 * one for every app host and custom domain once its DNS points at Ferry (a DNS check through dnsjava), answered over
 * HTTP-01 or TLS-ALPN-01 ({@link dev.ferry.control.acme.AcmeChallenge}) by the routers, installs and renews it, and
 * records failures; {@link dev.ferry.control.acme.WildcardIssuer} keeps one {@code *.<domain>} certificate proved
 * over DNS-01 in the store (one orderer across control nodes, by a lease), into which
 * {@link dev.ferry.control.acme.WildcardCertificateFile} moves the file older versions kept;
 * {@link dev.ferry.control.acme.AcmeConfig} is their configuration.
 */
package dev.ferry.control.acme;
