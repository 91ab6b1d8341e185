package dev.ferry.control.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** Answers the addresses (A and AAAA records) a host name resolves to, for {@link DnsCheck}. */
interface NameResolver {

    /**
     * The addresses of {@code host}; empty when it has none (no such name, or no A or AAAA record).
     *
     * @throws IOException when the resolver cannot be asked or does not answer
     */
    List<InetAddress> addresses(String host) throws IOException;

    /** The DNS server at {@code server} (dnsjava, no cache), or the system's resolver when none is named. */
    static NameResolver of(Optional<InetSocketAddress> server) {
        return server.<NameResolver>map(DnsServerNameResolver::new).orElseGet(SystemNameResolver::new);
    }
}
