package dev.ferry.server.config;

import dev.ferry.control.acme.AcmeChallenge;
import dev.ferry.control.acme.AcmeConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@link FerryConfigResolver} reads the ACME flags ({@code --acme-email}, {@code --acme-directory},
 * {@code --acme-staging}, {@code --acme-trust-ca} (formerly {@code --acme-ca-cert}), {@code --acme-renew-remaining},
 * {@code --acme-challenge}, {@code --dns-resolver}, {@code --public-address}) and combines them: ACME is on when a directory, the staging
 * shorthand or an e-mail is given, with Let's Encrypt's production directory unless one is named, and its account
 * key in {@code <data-dir>/acme/account.pem}. Each parser throws
 * {@link IllegalArgumentException} with the end of a sentence the resolver starts with the flag's name.
 */
final class AcmeFlags {

    private AcmeFlags() {
    }

    /** The ACME settings, or empty when ACME is off; refuses contradicting flags. */
    static Optional<AcmeConfig> settings(Optional<String> email, Optional<URI> directory, boolean staging,
                                         Optional<Path> ca, double renew, Optional<AcmeChallenge> challenge,
                                         Optional<InetSocketAddress> dnsResolver,
                                         List<InetAddress> publicAddresses, Path dataDir) {
        if (staging && directory.isPresent()) {
            throw new IllegalArgumentException("--acme-staging and --acme-directory both name an ACME directory; give"
                    + " one of them");
        }
        if (email.isEmpty() && directory.isEmpty() && !staging) {
            if (ca.isPresent()) {
                throw new IllegalArgumentException("--acme-trust-ca trusts the CA of an ACME directory, but ACME is off:"
                        + " give --acme-directory URL (and --acme-email) too");
            }
            if (challenge.isPresent() || dnsResolver.isPresent() || !publicAddresses.isEmpty()) {
                throw new IllegalArgumentException("--acme-challenge, --dns-resolver and --public-address say how ACME"
                        + " checks names, but ACME is off: give --acme-email (or --acme-directory URL) too");
            }
            return Optional.empty();
        }
        URI url = staging ? AcmeConfig.LETS_ENCRYPT_STAGING : directory.orElse(AcmeConfig.LETS_ENCRYPT);
        AcmeConfig c = AcmeConfig.of(url, email, ca, dataDir.resolve("acme").resolve("account.pem"));
        return Optional.of(c.withTiming(renew, c.checkInterval(), c.retry())
                .withDns(c.dns().with(dnsResolver, publicAddresses))
                .withChallenge(challenge.orElse(AcmeChallenge.HTTP_01)));
    }

    /** {@code HOST:PORT} of a DNS server, {@code [v6]:PORT} for an IPv6 address; the host is resolved now. */
    static InetSocketAddress dnsResolver(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("is not a DNS server's HOST:PORT such as 127.0.0.1:53");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("names a host that does not resolve: " + host);
        }
        return address;
    }

    /** Comma-separated IPv4 or IPv6 addresses (not names: a public address is what names resolve to). */
    static List<InetAddress> publicAddresses(String value) {
        List<InetAddress> all = new ArrayList<>();
        for (String part : value.split(",")) {
            String a = part.strip();
            if (!a.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
                throw new IllegalArgumentException("is not a list of IP addresses such as 203.0.113.7,2001:db8::7 ("
                        + (a.isEmpty() ? "an empty entry" : a) + ")");
            }
            try {
                all.add(InetAddress.getByName(a));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("is not a list of IP addresses such as 203.0.113.7,2001:db8::7 ("
                        + a + ")", e);
            }
        }
        return List.copyOf(all);
    }

    static String email(String value) {
        if (!value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("is not an e-mail address such as ops@example.com");
        }
        return value;
    }

    static URI directory(String value) {
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("is not an ACME directory URL such as"
                        + " https://acme-v02.api.letsencrypt.org/directory");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getReason(), e);
        }
    }

    static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    static double part(String value) {
        try {
            double part = Double.parseDouble(value);
            if (part > 0 && part <= 1) {
                return part;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("must be the part of a certificate's lifetime left when it is renewed, a"
                + " number above 0 and at most 1, e.g. 0.33");
    }
}
