/**
 * DNS providers for ACME's DNS-01 challenges: {@link dev.ferry.control.dns.Rfc2136DnsProvider} writes the TXT records
 * by RFC 2136 dynamic updates signed with a TSIG key ({@link dev.ferry.control.dns.TsigKey}), configured by
 * {@link dev.ferry.control.dns.Rfc2136Config}.
 */
package dev.ferry.control.dns;
