package dev.ferry.control.acme;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Ferry's account at the ACME CA: its key pair (EC P-256) kept in {@link AcmeConfig#accountKeyFile()} (mode 0600,
 * made at the first use), registered with the CA (terms of service agreed, the e-mail as contact) or found again by
 * the key. The login is made on first use and kept; a failure is retried at the next order. Not thread-safe: the
 * issuer's one thread uses it.
 */
final class AcmeAccount {

    static {
        // acme4j builds CSRs and reads keys through BouncyCastle's provider; appended, so the JDK's stay first.
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final AcmeConfig config;
    private Login login;

    AcmeAccount(AcmeConfig config) {
        this.config = config;
    }

    /** The logged-in account, registered on first use. */
    Login login() throws AcmeException, IOException {
        if (login == null) {
            Session session = config.trustedCa()
                    .map(ca -> new Session(config.directory(), new TrustedCaProvider(ca)))
                    .orElseGet(() -> new Session(config.directory()));
            AccountBuilder account = new AccountBuilder().agreeToTermsOfService().useKeyPair(keyPair());
            config.email().ifPresent(account::addEmail);
            login = account.createLogin(session);
        }
        return login;
    }

    private KeyPair keyPair() throws IOException {
        synchronized (AcmeAccount.class) { // the wildcard's issuer shares the key: one of them makes it
            return readOrMakeKeyPair();
        }
    }

    private KeyPair readOrMakeKeyPair() throws IOException {
        Path file = config.accountKeyFile();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                return KeyPairUtils.readKeyPair(in);
            }
        }
        KeyPair pair = KeyPairUtils.createECKeyPair("secp256r1");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(temp)) {
            KeyPairUtils.writeKeyPair(pair, out);
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return pair;
    }
}
