package dev.ferry.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the PostgreSQL store is: {@code postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE} (also
 * {@code postgresql://}; port 5432 by default), as {@code ferry up --store} and {@code ferry store:migrate --to}
 * take it. A password not in the URL is read from {@code FERRY_STORE_PASSWORD}, else from {@code PGPASSWORD}, so
 * it need not appear on a command line. {@link #toString} never shows the password.
 */
public record PostgresLocation(String host, int port, String database, String user, Optional<String> password) {

    /** PostgreSQL's own port, used when the URL names none. */
    public static final int DEFAULT_PORT = 5432;
    /** The variables a password is read from when the URL has none, in this order. */
    public static final String PASSWORD_VARIABLE = "FERRY_STORE_PASSWORD";
    public static final String LIBPQ_PASSWORD_VARIABLE = "PGPASSWORD";
    /** How long opening a connection may take before the database counts as unreachable. */
    public static final int CONNECT_TIMEOUT_SECONDS = 5;

    public PostgresLocation {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port number");
        }
    }

    /** True when {@code value} names a PostgreSQL database rather than something else (such as {@code sqlite}). */
    public static boolean isPostgresUrl(String value) {
        return value.startsWith("postgres://") || value.startsWith("postgresql://");
    }

    /**
     * Reads {@code url}, taking the password from {@code env} when the URL has none.
     *
     * @throws IllegalArgumentException saying what is wrong, in words that follow the URL in a message
     */
    public static PostgresLocation parse(String url, Map<String, String> env) {
        if (!isPostgresUrl(url)) {
            throw new IllegalArgumentException("is not a PostgreSQL URL such as postgres://ferry@127.0.0.1:5432/ferry");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getRawUserInfo() == null || uri.getRawUserInfo().isEmpty()) {
            throw new IllegalArgumentException("needs a user and a host: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("needs one database name after the host, as in postgres://ferry@db:5432/ferry");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("has a query or fragment; Ferry takes only USER[:PASSWORD]@HOST[:PORT]/DATABASE");
        }
        String userInfo = uri.getRawUserInfo();
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        Optional<String> password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        if (user.isEmpty()) {
            throw new IllegalArgumentException("needs a user: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE");
        }
        if (password.isEmpty()) {
            password = fromEnv(env, PASSWORD_VARIABLE).or(() -> fromEnv(env, LIBPQ_PASSWORD_VARIABLE));
        }
        return new PostgresLocation(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                decode(path.substring(1)), user, password);
    }

    private static Optional<String> fromEnv(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A data source of this database: its user and password, and Ferry's timeouts (connect within 5 s). */
    public DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {host});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(database);
        source.setUser(user);
        password.ifPresent(source::setPassword);
        source.setApplicationName("ferry");
        source.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setTcpKeepAlive(true);
        return source;
    }

    /** The URL as a person wrote it, with the password left out. */
    @Override
    public String toString() {
        return "postgres://" + user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }
}
