package dev.ferry.store.sql.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 256-bit AES key that encrypts config vars at rest, kept in {@code <data-dir>/secret.key} as one line of
 * base64, readable by its owner only (mode 0600). Generated from {@link SecureRandom} the first time and
 * never changed; losing the file makes the stored config vars unreadable, so it belongs in backups (kept
 * apart from the database).
 */
public final class SecretKeyFile {

    /** The key length. */
    public static final int KEY_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretKeyFile() {
    }

    /** Reads the key in {@code file}, creating the file with a new random key if it does not exist. */
    public static SecretKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
                log.info("Created the key that encrypts config vars, {}; back it up apart from the database", file);
            }
            warnIfReadableByOthers(file);
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file, e);
        }
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                log.warn("The secret key file {} is readable by others ({}); run: chmod 600 {}", file,
                        PosixFilePermissions.toString(permissions), file);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        }
    }

    private static SecretKey load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The secret key file " + file + " does not hold a base64 key", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("The secret key file " + file + " holds " + key.length
                    + " bytes; a key has " + KEY_BYTES);
        }
        return new SecretKeySpec(key, "AES");
    }

    // Written to a temporary file with owner-only permissions from the start, forced to the disk, then moved
    // into place without replacing, so a crash never leaves a half-written key and two processes never end up
    // with different keys.
    private static void create(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            createOwnerOnly(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.US_ASCII.encode(Base64.getEncoder().encodeToString(key) + "\n"));
                channel.force(true);
            }
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                return; // another process won the race; its key is the key
            } catch (UnsupportedOperationException | IOException e) {
                moveIfAbsent(temp, file);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createOwnerOnly(Path temp) throws IOException {
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
    }

    private static void moveIfAbsent(Path temp, Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the file itself was forced.
        }
    }
}
