package dev.ferry.tunnel.gateway;

import dev.ferry.tunnel.protocol.Fingerprints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The gateway's TLS identity in single-node mode: a self-signed certificate (EC P-256, valid ten years) whose
 * fingerprint the control API hands to agents, which pin it. Kept in a PKCS#12 file (mode 0600) so the
 * fingerprint survives restarts; a missing file is created.
 */
public record GatewayCertificate(PrivateKey key, X509Certificate certificate) {

    private static final char[] STORE_PASSWORD = "ferry-gateway".toCharArray();
    private static final String ALIAS = "gateway";

    /** A fresh certificate, not stored anywhere (tests, ephemeral gateways). */
    public static GatewayCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=ferry-gateway");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new GatewayCertificate(pair.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the gateway's certificate", e);
        }
    }

    /** The certificate stored in {@code file}, created there first when the file does not exist. */
    public static GatewayCertificate loadOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, STORE_PASSWORD);
                return new GatewayCertificate((PrivateKey) ks.getKey(ALIAS, STORE_PASSWORD),
                        (X509Certificate) ks.getCertificate(ALIAS));
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read the gateway's certificate " + file + ": " + e.getMessage(), e);
            }
        }
        GatewayCertificate fresh = generate();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, fresh.key(), STORE_PASSWORD, new Certificate[] {fresh.certificate()});
            ks.store(out, STORE_PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the gateway's certificate " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the data directory's own permissions apply
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return fresh;
    }

    /** {@code sha256:<hex>} of the certificate, what agents pin. */
    public String fingerprint() {
        return Fingerprints.of(certificate);
    }
}
