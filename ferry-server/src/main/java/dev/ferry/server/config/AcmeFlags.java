package dev.ferry.server.config;

import dev.ferry.control.acme.AcmeConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@link FerryConfigResolver} reads the ACME flags ({@code --acme-email}, {@code --acme-directory},
 * {@code --acme-staging}, {@code --acme-ca-cert}, {@code --acme-renew-remaining}) and combines them: ACME is on when
 * a directory, the staging shorthand or an e-mail is given, with Let's Encrypt's production directory unless one is
 * named, and its account key in {@code <data-dir>/acme/account.pem}. Each parser throws
 * {@link IllegalArgumentException} with the end of a sentence the resolver starts with the flag's name.
 */
final class AcmeFlags {

    private AcmeFlags() {
    }

    /** The ACME settings, or empty when ACME is off; refuses contradicting flags. */
    static Optional<AcmeConfig> settings(Optional<String> email, Optional<URI> directory, boolean staging,
                                         Optional<Path> ca, double renew, Path dataDir) {
        if (staging && directory.isPresent()) {
            throw new IllegalArgumentException("--acme-staging and --acme-directory both name an ACME directory; give"
                    + " one of them");
        }
        if (email.isEmpty() && directory.isEmpty() && !staging) {
            if (ca.isPresent()) {
                throw new IllegalArgumentException("--acme-ca-cert trusts the CA of an ACME directory, but ACME is off:"
                        + " give --acme-directory URL (and --acme-email) too");
            }
            return Optional.empty();
        }
        URI url = staging ? AcmeConfig.LETS_ENCRYPT_STAGING : directory.orElse(AcmeConfig.LETS_ENCRYPT);
        AcmeConfig c = AcmeConfig.of(url, email, ca, dataDir.resolve("acme").resolve("account.pem"));
        return Optional.of(c.withTiming(renew, c.checkInterval(), c.retry()));
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
