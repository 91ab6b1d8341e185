package dev.ferry.addons;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin's address of an add-on server, from {@code --addons-postgres postgres://admin[:password]@host:port/[db]}
 * or {@code --addons-redis redis://[user[:password]@]host:port}. A password missing from the URL may come from the
 * environment ({@code FERRY_ADDONS_POSTGRES_PASSWORD}, {@code FERRY_ADDONS_REDIS_PASSWORD}), so it need not appear
 * in a process list. {@link #toString()} never shows the password. Defaults: port 5432 or 6379, database
 * {@code postgres}.
 */
public record AddonServerUrl(String scheme, String user, Optional<String> password, String host, int port,
                             String database) {

    public AddonServerUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses a URL of {@code postgres}/{@code postgresql} or {@code redis}.
     *
     * @param passwordFromEnv used when the URL has no password; may be null
     * @throws IllegalArgumentException saying what is wrong, without echoing a password
     */
    public static AddonServerUrl parse(String text, String passwordFromEnv) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("an add-on server URL must look like postgres://admin@host:5432/ or"
                    + " redis://host:6379");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        boolean postgres = scheme.equals("postgres") || scheme.equals("postgresql");
        if (!postgres && !scheme.equals("redis")) {
            throw new IllegalArgumentException("an add-on server URL starts with postgres:// or redis://, not "
                    + (scheme.isEmpty() ? "nothing" : scheme + "://"));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the add-on server URL names no host: " + scheme + "://HOST:PORT");
        }
        String user = postgres ? "postgres" : "default";
        Optional<String> password = Optional.ofNullable(passwordFromEnv).filter(p -> !p.isEmpty());
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String name = decode(colon < 0 ? info : info.substring(0, colon));
            if (!name.isEmpty()) {
                user = name;
            }
            if (colon >= 0) {
                password = Optional.of(decode(info.substring(colon + 1)));
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String database = postgres ? (path.isEmpty() ? "postgres" : path) : "";
        int port = uri.getPort() > 0 ? uri.getPort() : (postgres ? 5432 : 6379);
        return new AddonServerUrl(postgres ? "postgres" : "redis", user, password, uri.getHost(), port, database);
    }

    /** {@code host:port}, for messages and {@code addons:info}. */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + user + "@" + hostAndPort() + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
