package dev.ferry.core.store;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * A user's SSH public key as OpenSSH writes it in a {@code .pub} file ({@code ssh-ed25519 AAAA... alice@laptop}),
 * checked by {@link #parse}: the types accepted are {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256/384/521}
 * (the point must lie on the curve) and {@code ssh-rsa} of at least {@value #MIN_RSA_BITS} bits. Its
 * {@link #fingerprint()} is the one {@code ssh-keygen -l} prints: {@code SHA256:} and the unpadded base64 of
 * the SHA-256 of the key's blob.
 *
 * @param type    the key type, e.g. {@code ssh-ed25519}
 * @param blob    the key in the SSH wire format (the base64 part, decoded); never changed
 * @param comment the text after the key, often {@code user@host}; empty when there is none
 */
public record SshPublicKey(String type, byte[] blob, String comment) {

    /** The smallest RSA modulus accepted, in bits. */
    public static final int MIN_RSA_BITS = 2048;
    /** The longest comment accepted. */
    public static final int MAX_COMMENT_LENGTH = 200;

    private static final Map<String, String> CURVES = Map.of(
            "nistp256", "secp256r1", "nistp384", "secp384r1", "nistp521", "secp521r1");

    public SshPublicKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(blob, "blob");
        requireValidComment(comment);
        blob = blob.clone();
    }

    /**
     * Reads one line of a {@code .pub} file (surrounding white space ignored).
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong, for anything else: a private
     *     key, several lines, an unknown type, a broken key, an RSA key under {@value #MIN_RSA_BITS} bits
     */
    public static SshPublicKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("the public key is empty");
        }
        String text = line.strip();
        if (text.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("this is a private key: give the public key, the .pub file next to it");
        }
        if (text.contains("\n") || text.contains("\r")) {
            throw new IllegalArgumentException("give one public key, on one line (the content of a .pub file)");
        }
        String[] parts = text.split("[ \t]+", 3);
        String type = parts[0];
        if (!isSupportedType(type)) {
            throw new IllegalArgumentException("'" + abbreviate(type) + "' is not a supported key type: use ssh-ed25519,"
                    + " ecdsa-sha2-nistp256/384/521 or ssh-rsa (" + MIN_RSA_BITS + " bits or more), as in"
                    + " 'ssh-ed25519 AAAA... you@host'");
        }
        if (parts.length < 2) {
            throw new IllegalArgumentException("the " + type + " key has no key data after its type");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key data of the " + type + " key is not valid base64");
        }
        checkBlob(type, blob);
        return new SshPublicKey(type, blob, parts.length > 2 ? parts[2].strip() : "");
    }

    /** True for the types {@link #parse} accepts. */
    public static boolean isSupportedType(String type) {
        return type.equals("ssh-ed25519") || type.equals("ssh-rsa")
                || type.startsWith("ecdsa-sha2-") && CURVES.containsKey(type.substring("ecdsa-sha2-".length()));
    }

    /** Checks a comment: at most {@value #MAX_COMMENT_LENGTH} characters, no control characters. */
    public static String requireValidComment(String comment) {
        Objects.requireNonNull(comment, "comment");
        if (comment.length() > MAX_COMMENT_LENGTH) {
            throw new IllegalArgumentException("the key's comment is longer than " + MAX_COMMENT_LENGTH + " characters");
        }
        if (comment.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the key's comment contains a control character");
        }
        return comment;
    }

    /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the blob, as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        return fingerprintOf(blob);
    }

    /** The fingerprint of a key blob in the SSH wire format. */
    public static String fingerprintOf(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The key without its comment, {@code type base64}, as stored and as sshd matches it. */
    public String keyText() {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshPublicKey k && type.equals(k.type) && Arrays.equals(blob, k.blob) && comment.equals(k.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(blob), comment);
    }

    @Override
    public String toString() {
        return type + " " + fingerprint() + (comment.isEmpty() ? "" : " " + comment);
    }

    private static void checkBlob(String type, byte[] blob) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        try {
            String inner = new String(string(in), StandardCharsets.US_ASCII);
            if (!inner.equals(type)) {
                throw broken(type, "its data says it is a '" + abbreviate(inner) + "' key");
            }
            switch (type) {
                case "ssh-ed25519" -> {
                    if (string(in).length != 32) {
                        throw broken(type, "an Ed25519 key has 32 bytes");
                    }
                }
                case "ssh-rsa" -> {
                    BigInteger e = new BigInteger(string(in));
                    BigInteger n = new BigInteger(string(in));
                    if (e.signum() <= 0 || n.signum() <= 0 || !e.testBit(0)) {
                        throw broken(type, "its exponent or modulus is invalid");
                    }
                    if (n.bitLength() < MIN_RSA_BITS) {
                        throw new IllegalArgumentException("the ssh-rsa key has " + n.bitLength() + " bits; at least "
                                + MIN_RSA_BITS + " are needed (or use ssh-keygen -t ed25519)");
                    }
                }
                default -> checkEcPoint(type, new String(string(in), StandardCharsets.US_ASCII), string(in));
            }
            if (in.hasRemaining()) {
                throw broken(type, "it has data after the key");
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw broken(type, "its data ends too early");
        }
    }

    private static void checkEcPoint(String type, String curve, byte[] point) {
        if (!type.equals("ecdsa-sha2-" + curve)) {
            throw broken(type, "its data names the curve '" + abbreviate(curve) + "'");
        }
        ECParameterSpec params;
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec(CURVES.get(curve)));
            params = ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks the curve " + curve, e);
        }
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        int size = (p.bitLength() + 7) / 8;
        if (point.length != 1 + 2 * size || point[0] != 4) {
            throw broken(type, "its point is not an uncompressed point of " + curve);
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length));
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !left.equals(right)) {
            throw broken(type, "its point is not on the curve " + curve);
        }
    }

    /** One SSH wire-format string: a 4-byte big-endian length and that many bytes. */
    private static byte[] string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new java.nio.BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static IllegalArgumentException broken(String type, String why) {
        return new IllegalArgumentException("the " + type + " key is damaged: " + why
                + " (copy the whole line of the .pub file)");
    }

    private static String abbreviate(String s) {
        String printable = s.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
