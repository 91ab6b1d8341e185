package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.StoreUnavailable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts config var values for the database with AES-256-GCM. A sealed value is a format byte, a random
 * 96-bit IV, and the ciphertext with its 128-bit tag. The app name and the var name are bound as associated
 * data, so a sealed value copied to another app's or another var's row does not decrypt. Thread-safe.
 */
public final class ConfigCipher {

    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    // Config var names never contain '.', so the check value cannot be mistaken for a var.
    private static final AppName CHECK_APP = AppName.of("ferry-key-check");
    private static final String CHECK_NAME = "key.check";
    private static final String CHECK_VALUE = "Ferry config key check";

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public ConfigCipher(SecretKey key) {
        this.key = key;
    }

    /** Encrypts {@code value} of var {@code name} of {@code app}. */
    public byte[] seal(AppName app, String name, String value) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(app, name));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same app and var name.
     *
     * @throws StoreUnavailable when it was sealed with another key, for another app or var, or was altered
     */
    public String open(AppName app, String name, byte[] sealed) {
        if (sealed.length < 1 + IV_BYTES || sealed[0] != FORMAT) {
            throw new StoreUnavailable("The stored value of config var " + name + " of " + app
                    + " is not in a known format", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + IV_BYTES)));
            cipher.updateAAD(associatedData(app, name));
            byte[] plain = cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new StoreUnavailable("The stored value of config var " + name + " of " + app + " does not decrypt:"
                    + " the secret key file is not the one it was written with, or the value was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * The key's fingerprint, {@code sha256:} and 16 hex digits of a hash of it: safe to show and store, and the
     * same on every control node that has the same key.
     */
    public String fingerprint() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("ferry.config-key.fingerprint\0".getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(sha256.digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** Seals a known value, kept in the database to tell later whether a key is the right one. */
    public byte[] sealCheck() {
        return seal(CHECK_APP, CHECK_NAME, CHECK_VALUE);
    }

    /** True when {@code sealed}, made by {@link #sealCheck} of some cipher, was made with this key. */
    public boolean matchesCheck(byte[] sealed) {
        try {
            return CHECK_VALUE.equals(open(CHECK_APP, CHECK_NAME, sealed));
        } catch (StoreUnavailable e) {
            return false;
        }
    }

    private static byte[] associatedData(AppName app, String name) {
        return ("ferry.config.v1\0" + app.value() + "\0" + name).getBytes(StandardCharsets.UTF_8);
    }
}
