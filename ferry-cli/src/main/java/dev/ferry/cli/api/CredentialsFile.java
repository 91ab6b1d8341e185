package dev.ferry.cli.api;

import dev.ferry.cli.CliEnvironment;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads and writes the CLI's credentials: a properties file with {@code url} and {@code token} at
 * {@code $XDG_CONFIG_HOME/ferry/credentials}, or {@code ~/.config/ferry/credentials} when
 * {@code XDG_CONFIG_HOME} is unset or not absolute. The file is written with mode 0600 (its directory
 * 0700), atomically: a reader sees the old file or the new one, never half of one.
 */
public final class CredentialsFile {

    private CredentialsFile() {
    }

    /** Where the credentials live in this environment. */
    public static Path location(CliEnvironment env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : env.home().resolve(".config");
        return base.resolve("ferry").resolve("credentials");
    }

    /** The credentials in {@code file}; empty when the file is absent or holds no token. */
    public static Optional<Credentials> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + file + ": " + e.getMessage(), e);
        }
        String token = p.getProperty("token");
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(p.getProperty("url"), token));
    }

    /** Writes {@code credentials} to {@code file}, replacing it, readable by the owner only. */
    public static void write(Path file, Credentials credentials) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(dir);
                }
            }
            Path temp;
            try {
                temp = Files.createTempFile(dir, ".credentials", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                temp = Files.createTempFile(dir, ".credentials", ".tmp");
            }
            Properties p = new Properties();
            if (credentials.url() != null) {
                p.setProperty("url", credentials.url());
            }
            p.setProperty("token", credentials.token());
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                p.store(out, "Ferry CLI credentials");
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials file " + file + ": " + e.getMessage(), e);
        }
    }
}
