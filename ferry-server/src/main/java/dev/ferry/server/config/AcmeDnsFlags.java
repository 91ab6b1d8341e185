package dev.ferry.server.config;

import dev.ferry.control.dns.Rfc2136Config;
import dev.ferry.control.dns.TsigKey;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How {@link FerryConfigResolver} reads the flags of the wildcard certificate's DNS provider
 * ({@code --acme-dns-provider}, {@code --acme-dns-server}, {@code --acme-dns-zone}, {@code --acme-dns-tsig-file}):
 * the provider is off unless named; {@code rfc2136} needs the server and the TSIG key file, and takes the apps'
 * domain as its zone unless one is named. Each parser throws {@link IllegalArgumentException} with the end of a
 * sentence the resolver starts with the flag's name; {@link #settings} names the flags itself.
 */
final class AcmeDnsFlags {

    /** The one provider there is: RFC 2136 dynamic updates signed with TSIG. */
    static final String RFC2136 = "rfc2136";
    private static final int DNS_PORT = 53;

    private AcmeDnsFlags() {
    }

    /** The provider's settings, or empty when none is named; refuses a half-given configuration. */
    static Optional<Rfc2136Config> settings(Optional<String> provider, Optional<InetSocketAddress> server,
                                            Optional<String> zone, Optional<TsigKey> key, String domain) {
        if (provider.isEmpty()) {
            if (server.isPresent() || zone.isPresent() || key.isPresent()) {
                throw new IllegalArgumentException("--acme-dns-server, --acme-dns-zone and --acme-dns-tsig-file"
                        + " configure a DNS provider, but none is named: give --acme-dns-provider rfc2136 too");
            }
            return Optional.empty();
        }
        if (server.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("--acme-dns-provider rfc2136 needs --acme-dns-server HOST[:PORT] (the"
                    + " zone's primary server) and --acme-dns-tsig-file FILE (the TSIG key that signs updates)");
        }
        String d = Rfc2136Config.normalizeZone(domain);
        if (d.equals("localhost") || d.endsWith(".localhost")) {
            throw new IllegalArgumentException("--acme-dns-provider gets a certificate for *." + d + ", which no CA"
                    + " issues: give the apps' real domain with --domain");
        }
        String z = zone.orElse(d);
        if (!d.equals(z) && !d.endsWith("." + z)) {
            throw new IllegalArgumentException("--acme-dns-zone " + z + " does not hold the apps' domain " + d
                    + "; name the zone that _acme-challenge." + d + " is in");
        }
        return Optional.of(Rfc2136Config.of(server.get(), z, key.get()));
    }

    static String provider(String value) {
        if (!value.strip().equalsIgnoreCase(RFC2136)) {
            throw new IllegalArgumentException("is not a DNS provider Ferry knows; the one there is: " + RFC2136
                    + " (dynamic updates signed with TSIG, as BIND, Knot and PowerDNS take them)");
        }
        return RFC2136;
    }

    static InetSocketAddress server(String value) {
        String v = value.strip();
        String host = v;
        int port = DNS_PORT;
        int colon = v.lastIndexOf(':');
        if (colon > 0 && v.indexOf(':') == colon) {
            host = v.substring(0, colon);
            try {
                port = Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        } else if (v.startsWith("[") && v.contains("]:")) {
            host = v.substring(1, v.indexOf(']'));
            try {
                port = Integer.parseInt(v.substring(v.indexOf("]:") + 2));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("is not a DNS server as HOST or HOST:PORT, e.g. 192.0.2.53:53");
        }
        return new InetSocketAddress(host, port);
    }

    static String zone(String value) {
        try {
            return Rfc2136Config.normalizeZone(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a DNS zone such as example.com");
        }
    }

    static TsigKey tsig(Path file) {
        return TsigKey.read(file);
    }
}
