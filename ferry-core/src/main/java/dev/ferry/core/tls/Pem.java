package dev.ferry.core.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes PEM with the JDK alone: certificate chains and unencrypted PKCS#8 private keys
 * ({@code BEGIN PRIVATE KEY}; RSA, EC or Ed25519). Each failure is an {@link IllegalArgumentException} whose message
 * a person can act on. Used by the control API to check what {@code certs:add} uploads and by the router to load
 * what the store holds.
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private Pem() {
    }

    /** The certificates of a PEM text, in file order. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(pem)) {
                if (!b.type().equals("CERTIFICATE")) {
                    throw new IllegalArgumentException("The certificate file holds a " + b.type()
                            + " block; it must hold only CERTIFICATE blocks, the server's certificate first.");
                }
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The certificate file is not a valid X.509 certificate in PEM: "
                    + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("The certificate file holds no PEM certificate"
                    + " (-----BEGIN CERTIFICATE-----).");
        }
        return chain;
    }

    /** The one private key of a PEM text in PKCS#8. */
    public static PrivateKey privateKey(String pem) {
        List<Block> blocks = blocks(pem);
        if (blocks.size() != 1) {
            throw new IllegalArgumentException("The key file must hold exactly one private key in PEM; it holds "
                    + blocks.size() + " PEM blocks.");
        }
        Block b = blocks.getFirst();
        if (b.type().equals("RSA PRIVATE KEY") || b.type().equals("EC PRIVATE KEY")) {
            throw new IllegalArgumentException("The key is in the older " + b.type() + " format; convert it to PKCS#8"
                    + " with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
        }
        if (b.type().equals("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("The key is encrypted with a passphrase; decrypt it first with:"
                    + " openssl pkcs8 -in KEY -out key.pem");
        }
        if (!b.type().equals("PRIVATE KEY")) {
            throw new IllegalArgumentException("The key file holds a " + b.type() + " block, not a PRIVATE KEY.");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(b.der()));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("The private key is not an RSA, EC or Ed25519 key in PKCS#8.");
    }

    /** {@code sha256:<hex>} of the certificate's DER encoding. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** PEM text of the certificates, in order. */
    public static String encodeCertificates(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : chain) {
            try {
                out.append(encode("CERTIFICATE", c.getEncoded()));
            } catch (CertificateException e) {
                throw new IllegalStateException("cannot encode a certificate", e);
            }
        }
        return out.toString();
    }

    /** PEM text of a private key in PKCS#8. */
    public static String encodePrivateKey(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    private static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(String pem) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("A " + m.group(1) + " block is not valid base64.", e);
            }
        }
        return blocks;
    }
}
