package dev.ferry.core.build;

import dev.ferry.core.store.AppName;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived tokens that let one release's slug be downloaded and nothing else: what a runtime that runs slugs
 * elsewhere (the Kubernetes runtime's init container) hands its pods, and what the control API's slug download
 * checks. A token names the app, the release version and its expiry, and carries an HMAC-SHA256 of those with a
 * key only the platform holds; it is {@code base64url(app ":" version ":" expiryEpochSeconds) "." base64url(mac)}.
 * Thread-safe.
 */
public final class SlugTokens {

    /** The shortest key accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    /** @param key at least {@value #MIN_KEY_BYTES} random bytes, the same on every control node */
    public SlugTokens(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a slug token key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** A token for the slug of {@code app}'s release {@code version}, valid until {@code expires}. */
    public String issue(AppName app, int version, Instant expires) {
        Objects.requireNonNull(app, "app");
        String payload = app.value() + ":" + version + ":" + expires.getEpochSecond();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /**
     * Checks a token for the slug of {@code app}'s release {@code version} at {@code now}.
     *
     * @return {@link Verdict#VALID}, or why the token does not open this slug
     */
    public Verdict check(String token, AppName app, int version, Instant now) {
        if (token == null) {
            return Verdict.MALFORMED;
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.')) {
            return Verdict.MALFORMED;
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return Verdict.FORGED;
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split(":");
        if (parts.length != 3) {
            return Verdict.MALFORMED;
        }
        if (!parts[0].equals(app.value()) || !parts[1].equals(Integer.toString(version))) {
            return Verdict.OTHER_RELEASE;
        }
        try {
            return Long.parseLong(parts[2]) > now.getEpochSecond() ? Verdict.VALID : Verdict.EXPIRED;
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** What {@link #check} found, with a sentence for the one who asked. */
    public enum Verdict {
        VALID("the token opens this slug"),
        MALFORMED("the slug token is malformed"),
        FORGED("the slug token was not signed by this platform"),
        OTHER_RELEASE("the slug token is for another app or release"),
        EXPIRED("the slug token has expired");

        private final String sentence;

        Verdict(String sentence) {
            this.sentence = sentence;
        }

        /** A sentence for people, e.g. {@code the slug token has expired}. */
        public String sentence() {
            return sentence;
        }
    }
}
