package dev.ferry.control.acme;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.tls.CertificateCheck;
import dev.ferry.core.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the wildcard certificate {@code *.<domain>} of the apps' domain is kept: one PEM file (the chain, leaf first,
 * then its PKCS#8 key) at {@code <data-dir>/acme/wildcard/<domain>.pem}, mode 0600 like the ACME account key beside
 * it, replaced whole by a rename so a reader never sees half of one. {@link WildcardIssuer} writes it; the router's
 * certificate source reads it at each reload and serves it for every name under the domain that has no certificate
 * of its own. The certificate belongs to no app: it carries {@link #OWNER}, a name no app can take (apps' names may
 * not contain {@code --}).
 */
public final class WildcardCertificateFile {

    /** The owner the wildcard certificate carries in place of an app. */
    public static final AppName OWNER = new AppName("ferry--wildcard");

    private static final Logger log = LoggerFactory.getLogger(WildcardCertificateFile.class);
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";

    private final Path file;
    private final String domain;
    private final Clock clock;

    public WildcardCertificateFile(Path acmeDir, String domain, Clock clock) {
        this.file = acmeDir.resolve("wildcard").resolve(domain + ".pem");
        this.domain = domain;
        this.clock = clock;
    }

    /** {@code *.<domain>}, the certificate's name. */
    public String name() {
        return "*." + domain;
    }

    /** The file. */
    public Path path() {
        return file;
    }

    /**
     * The certificate with its key, when the file holds one that is valid now and covers {@code *.<domain>}; empty
     * when there is none yet. A broken or expired file is logged and read as none.
     */
    public Optional<ServingCertificate> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String pem = Files.readString(file);
            int key = pem.indexOf(KEY_BEGIN);
            if (key < 0) {
                throw new IllegalArgumentException("it holds no private key");
            }
            String chain = pem.substring(0, key);
            String keyPem = pem.substring(key);
            Instant notBefore = Pem.certificates(chain).getFirst().getNotBefore().toInstant();
            Instant now = clock.instant().isBefore(notBefore) ? notBefore : clock.instant();
            Certificate c = CertificateCheck.check(OWNER, name(), chain, keyPem, now);
            if (!c.covers("x." + domain)) {
                throw new IllegalArgumentException("it does not cover *." + domain);
            }
            return Optional.of(new ServingCertificate(new Certificate(c.name(), OWNER, c.hostNames(), c.subject(),
                    c.issuer(), c.notBefore(), c.notAfter(), c.fingerprint(), c.chainPem(), c.addedAt(),
                    CertificateSource.ACME), keyPem));
        } catch (IOException | RuntimeException e) {
            log.warn("the wildcard certificate in {} is not served: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Replaces the file with this chain and key (PKCS#8 PEM), which the caller checked. */
    void write(String chainPem, String privateKeyPem) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String chain = chainPem.endsWith("\n") ? chainPem : chainPem + "\n";
        Files.writeString(temp, chain + privateKeyPem);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
