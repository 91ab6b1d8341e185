package dev.ferry.store.sql.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes API token ids and secrets and hashes secrets for storage. A secret is {@code ferry_} followed by 256
 * random bits in base64url (the prefix lets secret scanners recognise a leaked one); an id is 12 random
 * characters of {@code [a-z0-9]}. Only the SHA-256 of a secret is stored: with 256 random bits a plain hash
 * is enough, no salt or slow hash is needed. Thread-safe.
 */
public final class TokenSecrets {

    /** The start of every secret. */
    public static final String PREFIX = "ferry_";

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 12;

    private final SecureRandom random = new SecureRandom();

    /** A new secret. */
    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new token id. */
    public String newId() {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** The hex SHA-256 of a secret, as stored. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
