package dev.ferry.control.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * The admin API token of a single-node platform, kept in the data directory.
 *
 * <p>{@link #loadOrCreate(Path)} creates {@code <dataDir>/admin-token} on first start (32 random bytes,
 * URL-safe base64 without padding, prefixed {@code ferry_}; the file is created with mode 0600 before the
 * token is written into it) and {@code <dataDir>/admin-token.sha256} holding its SHA-256 hex. Later starts
 * read the token and recompute the hash file if it is missing or does not match. {@link #verifier()} holds
 * only the hash.
 */
public final class AdminToken {

    /** The name of the token file in the data directory. */
    public static final String TOKEN_FILE = "admin-token";
    /** The name of the file holding the token's SHA-256 hex. */
    public static final String HASH_FILE = "admin-token.sha256";
    /** The prefix of every generated token, so a leaked one is recognisable. */
    public static final String PREFIX = "ferry_";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final String sha256Hex;
    private final boolean created;

    private AdminToken(String token, String sha256Hex, boolean created) {
        this.token = token;
        this.sha256Hex = sha256Hex;
        this.created = created;
    }

    /**
     * Reads the admin token of {@code dataDir}, creating it (and the directory) when absent.
     *
     * @throws UncheckedIOException when the directory or files cannot be read or written
     * @throws IllegalStateException when the token file exists but is empty
     */
    public static AdminToken loadOrCreate(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path tokenFile = dataDir.resolve(TOKEN_FILE);
        try {
            Files.createDirectories(dataDir);
            boolean created = false;
            if (!Files.exists(tokenFile)) {
                created = create(tokenFile);
            }
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException(tokenFile + " is empty: delete it to have Ferry create a new admin token");
            }
            String hash = HashedTokenVerifier.sha256Hex(token);
            Path hashFile = dataDir.resolve(HASH_FILE);
            if (!Files.exists(hashFile) || !Files.readString(hashFile, StandardCharsets.UTF_8).strip().equals(hash)) {
                Files.writeString(hashFile, hash + "\n", StandardCharsets.UTF_8);
            }
            return new AdminToken(token, hash, created);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean create(Path tokenFile) throws IOException {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tokenFile);
        }
        // The permissions are set again in case a umask narrowed or the file system ignored the attribute.
        try {
            Files.setPosixFilePermissions(tokenFile, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: nothing more to restrict.
        }
        Files.writeString(tokenFile, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return true;
    }

    /** The token in plain text, to hand to the local CLI once. */
    public String token() {
        return token;
    }

    /** True when this call generated the token. */
    public boolean wasCreated() {
        return created;
    }

    /** A verifier that accepts exactly this token and holds only its hash. */
    public TokenVerifier verifier() {
        return new HashedTokenVerifier(sha256Hex);
    }
}
