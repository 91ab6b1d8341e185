package dev.ferry.core.store;

import java.util.Locale;

/** Where a {@link Certificate} came from: a user's {@code certs:add}, or Ferry's ACME issuer. */
public enum CertificateSource {
    USER,
    ACME;

    /** {@code user} or {@code acme}, as stored and shown. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source of a stored code. */
    public static CertificateSource of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
