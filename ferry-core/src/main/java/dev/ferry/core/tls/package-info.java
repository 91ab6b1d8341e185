/** Reading TLS material shared by the router and the control API: {@link dev.ferry.core.tls.Pem}. */
package dev.ferry.core.tls;
