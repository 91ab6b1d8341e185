package dev.ferry.control.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * One named DNS server ({@code --dns-resolver HOST:PORT}), asked by dnsjava for a name's A and AAAA records, CNAMEs
 * followed, without a cache: each check sees the records as they are now. A query waits at most 5 s.
 */
final class DnsServerNameResolver implements NameResolver {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InetSocketAddress server;
    private final SimpleResolver resolver;

    DnsServerNameResolver(InetSocketAddress server) {
        this.server = server;
        this.resolver = new SimpleResolver(server);
        resolver.setTimeout(TIMEOUT);
    }

    @Override
    public List<InetAddress> addresses(String host) throws IOException {
        Name name;
        try {
            name = Name.fromString(host.endsWith(".") ? host : host + ".");
        } catch (TextParseException e) {
            throw new IOException(host + " is not a DNS name: " + e.getMessage(), e);
        }
        List<InetAddress> all = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup = new Lookup(name, type);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            Record[] records = lookup.run();
            switch (lookup.getResult()) {
                case Lookup.SUCCESSFUL -> {
                    for (Record r : records) {
                        if (r instanceof ARecord a) {
                            all.add(a.getAddress());
                        } else if (r instanceof AAAARecord aaaa) {
                            all.add(aaaa.getAddress());
                        }
                    }
                }
                case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> {
                    // no such record: the other type may still have one
                }
                default -> throw new IOException("the DNS server at " + this + " gave no answer for " + host + ": "
                        + lookup.getErrorString());
            }
        }
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return server.getAddress().getHostAddress() + ":" + server.getPort();
    }
}
