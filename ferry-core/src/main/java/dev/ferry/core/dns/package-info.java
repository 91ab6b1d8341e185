/**
 * The port through which Ferry's ACME issuer answers DNS-01 challenges: {@link dev.ferry.core.dns.DnsProvider}, which
 * puts and removes the {@code _acme-challenge} TXT records of a zone, and {@link dev.ferry.core.dns.DnsUpdateFailed}.
 */
package dev.ferry.core.dns;
