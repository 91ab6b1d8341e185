package dev.ferry.server.up;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.Credentials;
import dev.ferry.cli.api.CredentialsFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Points the local CLI's credentials file at the platform {@code ferry up} just started, so
 * {@code ferry apps} works at once. A credentials file that names a remote Ferry the user logged in to is
 * left alone; one that names an API on this machine (an earlier {@code ferry up}, perhaps on other ports)
 * is replaced with this platform's URL and token.
 */
final class LocalCredentials {

    private LocalCredentials() {
    }

    /** Returns the file written, or empty when a login to another Ferry was kept. */
    static Optional<Path> write(CliEnvironment env, String bindAddress, int apiPort, String token) {
        String host = switch (bindAddress) {
            case "0.0.0.0", "::", "127.0.0.1", "::1" -> "localhost";
            default -> bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        };
        String url = "http://" + host + ":" + apiPort;
        Path file = CredentialsFile.location(env);
        Optional<Credentials> existing = CredentialsFile.read(file);
        if (existing.isPresent() && existing.get().url() != null && !isLocal(existing.get().url())) {
            return Optional.empty();
        }
        CredentialsFile.write(file, new Credentials(url, token));
        return Optional.of(file);
    }

    private static boolean isLocal(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
