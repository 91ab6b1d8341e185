package dev.ferry.core.store;

/**
 * An app's HTTPS settings ({@code ferry https:force}, {@code ferry https:hsts}): whether plain HTTP requests to the
 * app's hosts are redirected (308) to HTTPS, ACME challenges excepted, and the {@code Strict-Transport-Security}
 * header the router adds to the app's HTTPS responses. Default: {@link #OFF}, no redirect and no header.
 *
 * @param forceHttps            redirect HTTP to HTTPS; default false
 * @param hstsMaxAgeSeconds     {@code max-age} of the HSTS header; 0 sends no header (default)
 * @param hstsIncludeSubdomains add {@code includeSubDomains}; default false
 */
public record HttpsSettings(boolean forceHttps, long hstsMaxAgeSeconds, boolean hstsIncludeSubdomains) {

    /** No redirect, no HSTS. */
    public static final HttpsSettings OFF = new HttpsSettings(false, 0, false);

    /** The longest {@code max-age} accepted: two years, what browsers' preload lists ask for at most. */
    public static final long MAX_HSTS_SECONDS = 63_072_000L;

    public HttpsSettings {
        if (hstsMaxAgeSeconds < 0 || hstsMaxAgeSeconds > MAX_HSTS_SECONDS) {
            throw new IllegalArgumentException("The HSTS max-age must be between 0 (off) and " + MAX_HSTS_SECONDS
                    + " seconds (two years); " + hstsMaxAgeSeconds + " is not.");
        }
    }

    /** The {@code Strict-Transport-Security} value, or null when HSTS is off. */
    public String hstsHeader() {
        if (hstsMaxAgeSeconds == 0) {
            return null;
        }
        return "max-age=" + hstsMaxAgeSeconds + (hstsIncludeSubdomains ? "; includeSubDomains" : "");
    }

    public HttpsSettings withForceHttps(boolean on) {
        return new HttpsSettings(on, hstsMaxAgeSeconds, hstsIncludeSubdomains);
    }

    public HttpsSettings withHsts(long maxAgeSeconds, boolean includeSubdomains) {
        return new HttpsSettings(forceHttps, maxAgeSeconds, includeSubdomains);
    }
}
