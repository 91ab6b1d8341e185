package dev.ferry.server.tls;

import dev.ferry.store.sql.ConfigKey;
import dev.ferry.store.sql.internal.SecretKeyFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that seals the certificates' private keys control nodes publish in the registry for separate routers
 * (docs/https.md, "Fleet: separate routers"). It is derived from the fleet's secret key ({@code --secret-key-file} or
 * {@code FERRY_SECRET_KEY}, the one that encrypts config vars) as HMAC-SHA256(secret, {@value #LABEL}), so a router
 * holding it opens certificate keys and nothing the store encrypts with the secret itself. Sealing is AES-256-GCM
 * with a random 96-bit IV and associated data the caller binds (the certificate a key belongs to); the same key
 * signs the content's digest (HMAC-SHA256), which lets a router refuse an altered document whole. Thread-safe.
 */
public final class RouterCertificateKey {

    /** The derivation label: changing it changes every router's key. */
    static final String LABEL = "ferry router certificates v1";

    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec sealing;
    private final SecretKeySpec signing;
    private final String fingerprint;
    private final SecureRandom random = new SecureRandom();

    private RouterCertificateKey(byte[] derived) {
        this.sealing = new SecretKeySpec(derived, "AES");
        this.signing = new SecretKeySpec(hmac(derived, "digest"), "HmacSHA256");
        this.fingerprint = fingerprintOf(derived);
    }

    /** The key derived from the fleet's 32-byte secret. */
    public static RouterCertificateKey derivedFrom(byte[] secret) {
        if (secret.length != ConfigKey.KEY_BYTES) {
            throw new IllegalArgumentException("a secret key has " + ConfigKey.KEY_BYTES + " bytes, not " + secret.length);
        }
        return new RouterCertificateKey(hmac(secret, LABEL));
    }

    /**
     * The key derived from {@code key} as a router reads it: a key file must exist (a router never makes one).
     *
     * @throws IllegalArgumentException saying why when the file is missing or does not hold a key
     */
    public static RouterCertificateKey of(ConfigKey key) {
        return switch (key) {
            case ConfigKey.Given given -> derivedFrom(given.bytes());
            case ConfigKey.File file -> {
                if (!Files.isRegularFile(file.path())) {
                    throw new IllegalArgumentException("the secret key file " + file.path() + " does not exist (copy "
                            + "the control nodes' key there)");
                }
                try {
                    yield derivedFrom(SecretKeyFile.loadOrCreate(file.path()).getEncoded());
                } catch (IllegalStateException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
        };
    }

    /** {@code sha256:} and 16 hex digits naming the derived key: safe to publish, the same on every node of a fleet. */
    public String fingerprint() {
        return fingerprint;
    }

    /** {@code plain} sealed for {@code associatedData}, in base64. */
    public String seal(String associatedData, String plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * What {@link #seal} made for the same associated data.
     *
     * @throws IllegalArgumentException when it was sealed with another key or for other data, or was altered
     */
    public String open(String associatedData, String sealedBase64) {
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(sealedBase64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed key is not base64");
        }
        if (sealed.length < 1 + IV_BYTES || sealed[0] != FORMAT) {
            throw new IllegalArgumentException("a sealed key is not in a known format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealing,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + IV_BYTES)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("a sealed key does not open: it was sealed with another key, for "
                    + "another certificate, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** The keyed digest of {@code content} (HMAC-SHA256, hex): the same for the same content on every node. */
    public String digest(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(signing);
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }

    private static String fingerprintOf(byte[] derived) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("ferry.router-certificates.fingerprint\0".getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(sha256.digest(derived), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** Names the fingerprint only: a key is never printed. */
    @Override
    public String toString() {
        return "RouterCertificateKey[" + fingerprint + "]";
    }
}
