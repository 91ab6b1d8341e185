package dev.ferry.core.tls;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a certificate chain and private key that a user uploads ({@code ferry certs:add CERT KEY}) and reads the
 * {@link Certificate} the store keeps: the chain parses and is in order (the server's certificate first, each next
 * one the issuer of the one before, by name and signature), the key is the leaf's (a signature made with it
 * verifies with the leaf's public key), the leaf is valid now, and it names at least one DNS name (subject
 * alternative names, else the common name). Each refusal is an {@link IllegalArgumentException} with a sentence a
 * person can act on. Whether the names cover the app's hosts is the caller's check.
 */
public final class CertificateCheck {

    private static final Pattern CN = Pattern.compile("(?:^|,)\\s*CN=([^,]+)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9*._-]{1,253}");

    private CertificateCheck() {
    }

    /**
     * @param name the certificate's name in its app, or null for the leaf's first host name
     * @throws IllegalArgumentException when the chain or the key is refused; the message says why
     */
    public static Certificate check(AppName app, String name, String chainPem, String keyPem, Instant now) {
        List<X509Certificate> chain = Pem.certificates(chainPem);
        PrivateKey key = Pem.privateKey(keyPem);
        X509Certificate leaf = chain.getFirst();
        if (leaf.getBasicConstraints() >= 0) {
            throw new IllegalArgumentException("The first certificate (" + subject(leaf) + ") is a CA certificate;"
                    + " put the server's own certificate first, then its issuers.");
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            checkIssued(chain.get(i), chain.get(i + 1), i + 1);
        }
        checkKeyMatches(key, leaf.getPublicKey());
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new IllegalArgumentException("The certificate " + subject(leaf) + " expired on "
                    + leaf.getNotAfter().toInstant() + ".");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new IllegalArgumentException("The certificate " + subject(leaf) + " is not valid before "
                    + leaf.getNotBefore().toInstant() + ".");
        }
        List<String> names = dnsNames(leaf);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("The certificate " + subject(leaf) + " names no DNS host name.");
        }
        String chosen = name == null || name.isBlank() ? names.getFirst() : name.strip();
        if (!NAME.matcher(chosen).matches()) {
            throw new IllegalArgumentException("A certificate's name is 1 to 253 letters, digits, dots, dashes,"
                    + " underscores or stars; '" + chosen + "' is not one.");
        }
        return new Certificate(chosen, app, names, subject(leaf), leaf.getIssuerX500Principal().getName(),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), Pem.fingerprint(leaf),
                Pem.encodeCertificates(chain), now);
    }

    private static void checkIssued(X509Certificate child, X509Certificate issuer, int position) {
        String order = " Put the server's certificate first, then each issuer in turn.";
        if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new IllegalArgumentException("The chain is not in order: certificate " + (position + 1) + " ("
                    + subject(issuer) + ") is not the issuer of certificate " + position + " (issued by "
                    + child.getIssuerX500Principal().getName() + ")." + order);
        }
        try {
            child.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The chain is broken: certificate " + position + " ("
                    + subject(child) + ") was not signed by the key of certificate " + (position + 1) + " ("
                    + subject(issuer) + ")." + order, e);
        }
    }

    private static void checkKeyMatches(PrivateKey key, PublicKey certificateKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())) {
            throw new IllegalArgumentException("The private key does not match the certificate: the key is "
                    + key.getAlgorithm() + ", the certificate's key is " + certificateKey.getAlgorithm() + ".");
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // falls through to the refusal
        }
        throw new IllegalArgumentException("The private key does not match the certificate: it is the key of"
                + " another certificate.");
    }

    /** The leaf's DNS subject alternative names in lower case, else its common name. */
    static List<String> dnsNames(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (Integer.valueOf(2).equals(entry.get(0))) {
                        names.add(((String) entry.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("The certificate's subject alternative names do not parse.", e);
        }
        if (names.isEmpty()) {
            Matcher m = CN.matcher(leaf.getSubjectX500Principal().getName());
            if (m.find() && m.group(1).contains(".")) {
                names.add(m.group(1).strip().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }
}
