package dev.ferry.testing;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.tls.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority made in-process: a root, and leaf certificates it signs for given DNS names, in PEM
 * for the certificates API and as the router serves them ({@link #serving}).
 */
public final class TestPki {

    /** A key pair with its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        public String keyPem() {
            return Pem.encodePrivateKey(keys.getPrivate());
        }

        public String certPem() {
            return Pem.encodeCertificates(List.of(certificate));
        }
    }

    private final Issued root;

    public TestPki() {
        KeyPair keys = keys();
        X500Name name = new X500Name("CN=Ferry Test Root");
        root = new Issued(keys, sign(name, keys, name, keys, null, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)), true));
    }

    public Issued root() {
        return root;
    }

    public String rootPem() {
        return root.certPem();
    }

    /** A leaf for {@code names}, valid from yesterday for 30 days. */
    public Issued leaf(String... names) {
        return leaf(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), names);
    }

    public Issued leaf(Instant notBefore, Instant notAfter, String... names) {
        KeyPair keys = keys();
        return new Issued(keys, sign(new X500Name("CN=" + names[0]), keys, new X500Name("CN=Ferry Test Root"),
                root.keys(), names, notBefore, notAfter, false));
    }

    /** {@code leaf} as the router serves it: chain leaf then root, the key, for {@code app}. */
    public static ServingCertificate serving(AppName app, Issued leaf, Issued root) {
        X509Certificate c = leaf.certificate();
        Certificate meta = new Certificate(leafNames(c).getFirst(), app, leafNames(c), c.getSubjectX500Principal().getName(),
                c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                Pem.fingerprint(c), Pem.encodeCertificates(List.of(c, root.certificate())), Instant.now());
        return new ServingCertificate(meta, leaf.keyPem());
    }

    private static List<String> leafNames(X509Certificate c) {
        try {
            return c.getSubjectAlternativeNames().stream().map(n -> (String) n.get(1)).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        String[] names, Instant notBefore, Instant notAfter, boolean ca) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (names != null) {
                GeneralName[] sans = Arrays.stream(names).map(n -> new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A self-signed leaf for {@code host} made by the real {@code openssl} (an EC P-256 key, 30 days, not a CA):
     * {@code cert.pem} and {@code key.pem} (PKCS#8) in {@code dir}, which is made if missing; returns {@code dir}.
     */
    public static java.nio.file.Path selfSignedByOpenssl(java.nio.file.Path dir, String host)
            throws java.io.IOException, InterruptedException {
        java.nio.file.Path d = java.nio.file.Files.createDirectories(dir);
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", d.resolve("key.pem").toString(), "-out", d.resolve("cert.pem").toString(),
                "-days", "30", "-subj", "/CN=" + host, "-addext", "subjectAltName=DNS:" + host,
                "-addext", "basicConstraints=critical,CA:FALSE").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl could not make a certificate for " + host + ": " + out);
        }
        return d;
    }
}
