package dev.ferry.server.kubernetes;

import dev.ferry.core.build.SlugTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** The key slug tokens are signed with: {@value SlugTokens#MIN_KEY_BYTES} random bytes in a file of mode 0600. */
final class SlugTokenKey {

    private SlugTokenKey() {
    }

    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[SlugTokens.MIN_KEY_BYTES];
                new SecureRandom().nextBytes(key);
                try {
                    Files.write(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))), key, StandardOpenOption.WRITE);
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another start made it first: read theirs
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < SlugTokens.MIN_KEY_BYTES) {
                throw new IllegalStateException(file + " holds " + key.length + " bytes; a slug token key needs "
                        + SlugTokens.MIN_KEY_BYTES + " (delete it to make a new one)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the slug token key " + file, e);
        }
    }
}
