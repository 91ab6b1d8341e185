package dev.ferry.control.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a name points at Ferry, asked before an order so that the CA is never sent to check a name whose DNS is not
 * set up yet: a name points at Ferry when it resolves (A and AAAA, through {@link DnsCheckConfig#resolver()}) and
 * every address it resolves to is one of Ferry's public addresses ({@link DnsCheckConfig#publicAddresses()}, else
 * those the apps' domain resolves to). Every address, because the CA may check any of them (Let's Encrypt prefers
 * IPv6).
 */
final class DnsCheck {

    private final DnsCheckConfig config;
    private final String appsDomain;
    private final NameResolver resolver;

    DnsCheck(DnsCheckConfig config, String appsDomain, NameResolver resolver) {
        this.config = config;
        this.appsDomain = appsDomain;
        this.resolver = resolver;
    }

    /**
     * Empty when {@code host} points at Ferry; otherwise why not, as a sentence ending such as "waiting for DNS: ",
     * e.g. {@code x.example.com resolves to 1.2.3.4, not Ferry (203.0.113.7)}.
     */
    Optional<String> whyNotPointingAtFerry(String host) {
        try {
            Set<InetAddress> ferry = ferrysAddresses();
            if (ferry.isEmpty()) {
                return Optional.of("Ferry's public address is not known: the apps' domain " + appsDomain
                        + " resolves to nothing through " + resolver + "; give --public-address");
            }
            List<InetAddress> addresses = resolver.addresses(host);
            if (addresses.isEmpty()) {
                return Optional.of(host + " does not resolve (no A or AAAA record) through " + resolver
                        + "; point it at Ferry (" + text(ferry) + ")");
            }
            if (ferry.containsAll(addresses)) {
                return Optional.empty();
            }
            return Optional.of(host + " resolves to " + text(addresses) + ", not Ferry (" + text(ferry) + ")");
        } catch (IOException e) {
            return Optional.of("cannot tell where " + host + " points: " + e.getMessage());
        }
    }

    private Set<InetAddress> ferrysAddresses() throws IOException {
        if (!config.publicAddresses().isEmpty()) {
            return new HashSet<>(config.publicAddresses());
        }
        return new HashSet<>(resolver.addresses(appsDomain));
    }

    private static String text(java.util.Collection<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).sorted().collect(Collectors.joining(", "));
    }
}
