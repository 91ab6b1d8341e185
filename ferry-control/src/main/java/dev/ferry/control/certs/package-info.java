/** Apps' TLS certificates and HTTPS settings in the control API: {@link dev.ferry.control.certs.CertificatesApi}. */
package dev.ferry.control.certs;
