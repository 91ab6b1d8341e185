package dev.ferry.control.acme;

import java.util.Locale;

/**
 * How the ACME CA checks that Ferry answers for a name ({@code --acme-challenge}): {@link #HTTP_01} (the default)
 * on the routers' HTTP port, 80 in production; {@link #TLS_ALPN_01} (RFC 8737) on their HTTPS port, 443, for when
 * port 80 is not reachable.
 */
public enum AcmeChallenge {
    /** The router answers {@code /.well-known/acme-challenge/<token>} on its HTTP port. */
    HTTP_01("http-01"),
    /** The router serves a challenge certificate for ALPN {@code acme-tls/1} on its HTTPS port. */
    TLS_ALPN_01("tls-alpn-01");

    private final String code;

    AcmeChallenge(String code) {
        this.code = code;
    }

    /** {@code http-01} or {@code tls-alpn-01}, as the flag and RFC 8555 spell it. */
    public String code() {
        return code;
    }

    /**
     * The challenge of {@code code}, in any case.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static AcmeChallenge of(String code) {
        for (AcmeChallenge c : values()) {
            if (c.code.equals(code.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("is not an ACME challenge Ferry answers: http-01 or tls-alpn-01");
    }
}
