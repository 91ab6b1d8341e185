package dev.ferry.build.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The SSH server's host key, an Ed25519 key in an OpenSSH private key file: read when it exists, else made
 * and written with mode 0600 (to a temporary file moved into place, so a crash never leaves half a key).
 * Keeping it across restarts keeps clients' {@code known_hosts} valid.
 */
final class HostKeyFile {

    private HostKeyFile() {
    }

    /** The key in {@code file}, created first when the file does not exist (the data dir's lock keeps this single). */
    static KeyPair loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        return load(file);
    }

    private static KeyPair load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
            Iterator<KeyPair> it = keys == null ? null : keys.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("the SSH host key file " + file + " holds no key (remove it to make a new one)");
            }
            return it.next();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the SSH host key file " + file + ": " + e.getMessage()
                    + " (remove it to make a new one)", e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "ferry host key", null, out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make an Ed25519 SSH host key: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
