package dev.ferry.control.acme;

import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.tls.CertificateCheck;
import dev.ferry.core.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Ferry before the store kept the wildcard certificate {@code *.<domain>}: one PEM file (the chain, leaf first,
 * then its PKCS#8 key) at {@code <data-dir>/acme/wildcard/<domain>.pem}, mode 0600. Read only once, at start, by
 * {@link #moveInto}, which puts a certificate found there into the store (unless the store has one that lasts as long)
 * and removes the file, so an upgrade loses nothing and the key stays only sealed in the store.
 */
public final class WildcardCertificateFile {

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

    /** The file. */
    public Path path() {
        return file;
    }

    /**
     * Moves the file's certificate into {@code store} and removes the file: nothing when there is no file; a broken or
     * expired file is logged and removed; a store that already has a certificate lasting at least as long keeps it.
     *
     * @return whether a certificate went into the store
     */
    public boolean moveInto(AcmeStore store) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        Optional<ServingCertificate> found = read();
        String name = WildcardIssuer.nameFor(domain);
        boolean moved = false;
        if (found.isPresent()) {
            Certificate c = found.get().certificate();
            Optional<Instant> stored = store.platformCertificate(name).map(s -> s.certificate().notAfter());
            if (stored.isEmpty() || stored.get().isBefore(c.notAfter())) {
                store.putPlatformCertificate(c, found.get().privateKeyPem(), "ACME wildcard certificate for "
                        + String.join(", ", c.hostNames()) + " moved from " + file + " into the store, expires "
                        + c.notAfter());
                moved = true;
            }
        }
        Files.delete(file);
        log.info("the wildcard certificate file {} is gone: {}", file, moved ? "its certificate is in the store now"
                : "the store keeps its own");
        return moved;
    }

    private Optional<ServingCertificate> read() {
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
            Certificate c = CertificateCheck.check(WildcardIssuer.OWNER, WildcardIssuer.nameFor(domain), chain, keyPem,
                    now);
            if (!c.covers("x." + domain)) {
                throw new IllegalArgumentException("it does not cover *." + domain);
            }
            return Optional.of(new ServingCertificate(new Certificate(c.name(), WildcardIssuer.OWNER, c.hostNames(),
                    c.subject(), c.issuer(), c.notBefore(), c.notAfter(), c.fingerprint(), c.chainPem(), c.addedAt(),
                    CertificateSource.ACME), keyPem));
        } catch (IOException | RuntimeException e) {
            log.warn("the wildcard certificate in {} is not moved into the store: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
