package dev.ferry.cli.api;

import dev.ferry.cli.CliEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which control API the CLI talks to and with which token, resolved by {@link #resolve(CliEnvironment)}:
 *
 * <ul>
 *   <li>URL: {@code FERRY_API_URL}, else the credentials file's {@code url}, else
 *       {@value #DEFAULT_URL}.</li>
 *   <li>Token: {@code FERRY_API_TOKEN}; else the credentials file's {@code token} when the file names no URL
 *       or the same one; else {@code <data-dir>/admin-token} ({@code FERRY_DATA_DIR}, default
 *       {@code ~/.ferry}) when the API is on this machine (a loopback host). A token is never sent to
 *       another API than the one it was saved for.</li>
 * </ul>
 *
 * @param url   the API base URL without a trailing slash
 * @param token the bearer token, empty when none was found
 */
public record ApiTarget(String url, Optional<String> token) {

    public static final String DEFAULT_URL = "http://localhost:7070";

    public ApiTarget {
        url = normalizeUrl(url);
        Objects.requireNonNull(token, "token");
    }

    public static ApiTarget resolve(CliEnvironment env) {
        Optional<Credentials> saved = CredentialsFile.read(CredentialsFile.location(env));
        String url = env.get("FERRY_API_URL");
        if (url == null) {
            url = saved.map(Credentials::url).orElse(DEFAULT_URL);
        }
        url = normalizeUrl(url);
        String token = env.get("FERRY_API_TOKEN");
        if (token == null && saved.isPresent() && (saved.get().url() == null || saved.get().url().equals(url))) {
            token = saved.get().token();
        }
        if (token == null && isLoopback(url)) {
            token = adminToken(env).orElse(null);
        }
        return new ApiTarget(url, Optional.ofNullable(token).map(String::strip).filter(t -> !t.isEmpty()));
    }

    /** The data directory of a local platform: {@code FERRY_DATA_DIR}, else {@code ~/.ferry}. */
    public static Path dataDir(CliEnvironment env) {
        String dir = env.get("FERRY_DATA_DIR");
        return dir != null ? Path.of(dir) : env.home().resolve(".ferry");
    }

    /** Trims whitespace and trailing slashes; checks the URL is http(s) with a host. */
    public static String normalizeUrl(String url) {
        Objects.requireNonNull(url, "url");
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the API URL '" + url + "' is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("the API URL '" + url + "' must look like http://host:port");
        }
        return u;
    }

    private static Optional<String> adminToken(CliEnvironment env) {
        Path file = dataDir(env).resolve("admin-token");
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isLoopback(String url) {
        String host = URI.create(url).getHost();
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses are checked; a name other than localhost is never resolved here.
            if (host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                return InetAddress.getByName(host).isLoopbackAddress();
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
