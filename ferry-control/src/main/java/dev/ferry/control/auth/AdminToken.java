package dev.ferry.control.auth;

import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The admin's API token of a single-node platform, handed to the local CLI through
 * {@code <dataDir>/admin-token} (mode 0600).
 *
 * <p>{@link #bootstrap} runs on every start. On a store without users it creates the admin
 * ({@value #ADMIN_EMAIL}) with a first token ({@link AccountStore#bootstrapAdmin}) and writes that token's secret
 * to the file. Later starts read the file; when it is missing, empty or no longer accepted by the store
 * (revoked), a new token of the admin is created and written. The store keeps only token hashes.
 */
public final class AdminToken {

    /** The name of the token file in the data directory. */
    public static final String TOKEN_FILE = "admin-token";
    /** The e-mail address of the admin created on the first start. */
    public static final String ADMIN_EMAIL = "admin@localhost";

    /** The hash file of an earlier layout, removed when found. */
    private static final String OLD_HASH_FILE = "admin-token.sha256";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String token;
    private final boolean created;

    private AdminToken(String token, boolean created) {
        this.token = token;
        this.created = created;
    }

    /**
     * Makes sure the platform has an admin and {@code <dataDir>/admin-token} holds one of its valid tokens.
     *
     * @throws UncheckedIOException when the directory or file cannot be read or written
     * @throws IllegalStateException when the store has users but no admin
     */
    public static AdminToken bootstrap(AccountStore store, Path dataDir) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(dataDir, "dataDir");
        Path tokenFile = dataDir.resolve(TOKEN_FILE);
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(dataDir.resolve(OLD_HASH_FILE));
            Optional<NewUser> first = store.bootstrapAdmin(ADMIN_EMAIL);
            if (first.isPresent()) {
                String secret = first.get().firstToken().secret();
                writePrivately(tokenFile, secret);
                return new AdminToken(secret, true);
            }
            String existing = Files.exists(tokenFile) ? Files.readString(tokenFile, StandardCharsets.UTF_8).strip() : "";
            if (!existing.isEmpty() && store.authenticate(existing).filter(User::admin).isPresent()) {
                return new AdminToken(existing, false);
            }
            User admin = store.users().stream().filter(User::admin).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the store has users but no admin"));
            String secret = store.createToken(admin.id(), "admin-token file").secret();
            writePrivately(tokenFile, secret);
            return new AdminToken(secret, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the admin token in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file created with mode 0600, then renames it over the token file. */
    private static void writePrivately(Path tokenFile, String secret) throws IOException {
        Path temp = tokenFile.resolveSibling(TOKEN_FILE + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // Set again in case a umask narrowed the attribute.
            Files.setPosixFilePermissions(temp, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.writeString(temp, secret + "\n", StandardCharsets.UTF_8);
        Files.move(temp, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The token in plain text, to hand to the local CLI. */
    public String token() {
        return token;
    }

    /** True when this start wrote a new token to the file. */
    public boolean wasCreated() {
        return created;
    }
}
