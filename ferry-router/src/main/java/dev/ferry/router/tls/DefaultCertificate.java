package dev.ferry.router.tls;

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
 * The certificate the HTTPS listener presents without SNI or for a name no certificate covers: a self-signed
 * EC P-256 certificate ({@code CN=Ferry default certificate}, valid ten years) kept in a PKCS#12 file of the data
 * directory (mode 0600), made at first start. Replace the file (same password, alias {@code default}) to present
 * another one.
 */
public record DefaultCertificate(PrivateKey key, X509Certificate certificate) {

    static final char[] PASSWORD = "ferry-default".toCharArray();
    static final String ALIAS = "default";

    /** The certificate in {@code file}, made and written there first when the file does not exist. */
    public static DefaultCertificate loadOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, PASSWORD);
                return new DefaultCertificate((PrivateKey) ks.getKey(ALIAS, PASSWORD),
                        (X509Certificate) ks.getCertificate(ALIAS));
            } catch (GeneralSecurityException | ClassCastException e) {
                throw new IOException("cannot read the default certificate " + file + ": " + e.getMessage(), e);
            }
        }
        DefaultCertificate fresh = generate();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, fresh.key(), PASSWORD, new java.security.cert.Certificate[] {fresh.certificate()});
            ks.store(out, PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the default certificate " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the data directory's own permissions apply
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return fresh;
    }

    static DefaultCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Ferry default certificate");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new DefaultCertificate(pair.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the default certificate", e);
        }
    }
}
