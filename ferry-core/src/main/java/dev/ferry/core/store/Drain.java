package dev.ferry.core.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A log drain of an app ({@code drains:add URL}): the runtime sends every line of the app's stream to
 * {@link #url}. Schemes: {@code syslog://host:port} (RFC 5424 over TCP), {@code syslog+tls://host:port} (the
 * same over TLS), {@code https://…} and {@code http://…} (Heroku's HTTPS drain format).
 *
 * @param id     a stable id (a UUID)
 * @param url    the URL as {@link #checkUrl} normalised it; unique within the app
 * @param token  {@code d.<uuid>}, sent with every HTTPS post as {@code Logplex-Drain-Token}; unique
 */
public record Drain(String id, AppName app, String url, String token, Instant createdAt) {

    /** The schemes a drain URL may have. */
    public static final Set<String> SCHEMES = Set.of("syslog", "syslog+tls", "https", "http");

    public Drain {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The URL in its normal form (scheme and host in lower case).
     *
     * @throws IllegalArgumentException with a sentence for people when the URL is not a drain URL: an unknown
     *     scheme, no host, a syslog URL without a port, a port out of range, or user info
     */
    public static URI checkUrl(String url) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The drain URL '" + url + "' is not a URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("The drain URL '" + url
                    + "' must start with syslog://, syslog+tls://, https:// or http://.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("The drain URL '" + url + "' has no host.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The drain URL '" + url + "' must not carry a user name or password.");
        }
        boolean syslog = scheme.startsWith("syslog");
        if (syslog && uri.getPort() == -1) {
            throw new IllegalArgumentException("The drain URL '" + url + "' needs a port (syslog://host:port).");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("The drain URL '" + url + "' has a port out of range.");
        }
        if (syslog && ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null)) {
            throw new IllegalArgumentException("A syslog drain URL '" + url + "' is host:port only, without a path.");
        }
        try {
            return new URI(scheme, uri.getRawAuthority().toLowerCase(Locale.ROOT), null, null, null)
                    .resolve(syslog ? "" : rawRest(uri));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The drain URL '" + url + "' is not a URL: " + e.getReason() + ".");
        }
    }

    private static String rawRest(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return (path.isEmpty() ? "/" : path) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
