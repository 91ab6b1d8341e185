package dev.ferry.core.dns;

import java.time.Duration;

/**
 * A DNS server Ferry can write TXT records to, so that the ACME CA can check a DNS-01 challenge (RFC 8555 §8.4):
 * the issuer of the wildcard certificate {@code *.<domain>} puts the challenge's digest at
 * {@code _acme-challenge.<domain>}, waits until the zone's authoritative server answers it, tells the CA to look, and
 * removes it whatever happened. The composition root builds one from the {@code --acme-dns-*} flags; the
 * implementation for RFC 2136 dynamic updates signed with TSIG lives in ferry-control ({@code Rfc2136DnsProvider}).
 *
 * <p>Record names are absolute host names without the trailing dot, e.g. {@code _acme-challenge.apps.example.com}.
 * Several values may stand at one name at once (the wildcard and the bare domain share it). Implementations are
 * used by one thread at a time; each call blocks until the server answered.
 */
public interface DnsProvider {

    /**
     * Adds the TXT record {@code value} at {@code name}, next to any other there.
     *
     * @throws DnsUpdateFailed saying why the server did not take it (refused key, name outside the zone, no answer)
     */
    void present(String name, String value) throws DnsUpdateFailed;

    /**
     * Returns once the zone's authoritative server answers {@code name} with the TXT {@code value}.
     *
     * @throws DnsUpdateFailed when it still does not after {@code timeout}
     */
    void awaitPropagation(String name, String value, Duration timeout) throws DnsUpdateFailed, InterruptedException;

    /**
     * Removes the TXT record {@code value} at {@code name}; nothing when it is not there.
     *
     * @throws DnsUpdateFailed saying why the server did not take the removal
     */
    void cleanup(String name, String value) throws DnsUpdateFailed;

    /** Where the records go, for logs and messages, e.g. {@code RFC 2136 at 127.0.0.1:53, zone example.com}. */
    String describe();
}
