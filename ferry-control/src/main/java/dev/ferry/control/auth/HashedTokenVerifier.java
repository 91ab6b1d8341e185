package dev.ferry.control.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A {@link TokenVerifier} that holds only the SHA-256 of the valid token, never the token itself, and
 * compares the hash of a presented token with it in constant time. Thread-safe.
 */
public final class HashedTokenVerifier implements TokenVerifier {

    private final byte[] expectedSha256;

    /** @param sha256Hex the lowercase or uppercase hex SHA-256 of the valid token (64 characters) */
    public HashedTokenVerifier(String sha256Hex) {
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        if (sha256Hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 hex digest has 64 characters, not " + sha256Hex.length());
        }
        this.expectedSha256 = HexFormat.of().parseHex(sha256Hex);
    }

    @Override
    public boolean isValid(String presentedToken) {
        if (presentedToken == null || presentedToken.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expectedSha256, sha256(presentedToken));
    }

    /** The SHA-256 of a token's UTF-8 bytes, as lowercase hex. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
