package dev.ferry.server.up;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.Credentials;
import dev.ferry.cli.api.CredentialsFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Points the local CLI's credentials file at the platform {@code ferry up} just started, so
 * {@code ferry routes} works at once. A credentials file that names another API (a remote Ferry the user
 * logged in to) is left alone; one that names this local API is refreshed with the current token.
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
        if (existing.isPresent() && existing.get().url() != null && !existing.get().url().equals(url)) {
            return Optional.empty();
        }
        CredentialsFile.write(file, new Credentials(url, token));
        return Optional.of(file);
    }
}
