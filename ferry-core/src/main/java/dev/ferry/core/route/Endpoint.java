package dev.ferry.core.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One backend of a route's pool: an address that serves traffic, with a weight for balancing.
 *
 * <p>The {@code id} is opaque and stable for an address (a hash of {@code host:port}); it is what an
 * affinity cookie names, so clients never learn backend addresses. The weight defaults to
 * {@value #DEFAULT_WEIGHT} and may be 1 to {@value #MAX_WEIGHT}.
 *
 * <p>{@code tunnel} marks an endpoint that a tunnel gateway registered for a device ({@code ferry tunnel});
 * false (the default) for hosted instances and manual targets. While a route's pool holds a healthy tunnel
 * endpoint, the router sends the route's traffic only to tunnel endpoints (takeover), and falls back to the
 * others at once when the last one goes.
 */
public record Endpoint(String id, String host, int port, int weight, boolean tunnel) {

    public static final int DEFAULT_WEIGHT = 1;
    public static final int MAX_WEIGHT = 1000;

    public Endpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        if (id.isBlank() || containsAny(id, ";,\"@*")) {
            throw new IllegalArgumentException("endpoint id '" + id + "' must be a non-empty token");
        }
        if (host.isBlank() || containsAny(host, "/@,*")) {
            throw new IllegalArgumentException("endpoint host '" + host + "' is not a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint port " + port + " is outside 1-65535");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("endpoint weight " + weight + " is outside 1-" + MAX_WEIGHT);
        }
    }

    /** True when {@code s} holds a control character, a space or one of {@code forbidden} (a loop: it runs per endpoint at start). */
    private static boolean containsAny(String s, String forbidden) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || forbidden.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A hosted (not tunnel) endpoint. */
    public Endpoint(String id, String host, int port, int weight) {
        this(id, host, port, weight, false);
    }

    /** A tunnel endpoint: a gateway's listener for one device, under an id unique per gateway and tunnel. */
    public static Endpoint tunnel(String id, String host, int port) {
        return new Endpoint(id, host.toLowerCase(Locale.ROOT), port, DEFAULT_WEIGHT, true);
    }

    /** An endpoint for {@code host:port} with the default weight and the address-derived id. */
    public static Endpoint of(String host, int port) {
        return of(host, port, DEFAULT_WEIGHT);
    }

    /** An endpoint for {@code host:port} with the given weight and the address-derived id. */
    public static Endpoint of(String host, int port, int weight) {
        String h = host.toLowerCase(Locale.ROOT);
        return new Endpoint(idFor(h, port), h, port, weight);
    }

    /**
     * Parses a target URL of the given scheme ({@code http://127.0.0.1:9001}, {@code tcp://db:5432}). A
     * path other than {@code /}, a query, a fragment or user info are refused; a missing port is refused
     * except for {@code http} (80).
     *
     * @throws IllegalArgumentException with a sentence a person understands
     */
    public static Endpoint parseUrl(String url, String scheme, int weight) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("target URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("target URL '" + url + "' is not a valid URL");
        }
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("target URL '" + url + "' must start with " + scheme + "://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("target URL '" + url + "' has no host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("target URL '" + url + "' must be only " + scheme + "://host:port");
        }
        int port = uri.getPort();
        if (port < 0) {
            if (!scheme.equalsIgnoreCase("http")) {
                throw new IllegalArgumentException("target URL '" + url + "' needs a port");
            }
            port = 80;
        }
        return of(uri.getHost(), port, weight);
    }

    /** The stable opaque id of an address. */
    public static String idFor(String host, int port) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((host.toLowerCase(Locale.ROOT) + ":" + port).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** This endpoint with another weight. */
    public Endpoint withWeight(int newWeight) {
        return new Endpoint(id, host, port, newWeight, tunnel);
    }

    /** {@code host:port}, with IPv6 literals in brackets. */
    public String authority() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The endpoint as a URL of the given scheme, e.g. {@code http://127.0.0.1:9001}. */
    public String url(String scheme) {
        return scheme + "://" + authority();
    }
}
