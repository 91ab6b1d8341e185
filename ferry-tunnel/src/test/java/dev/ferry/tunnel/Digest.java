package dev.ferry.tunnel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and length of a stream of bytes. */
final class Digest {

    private final MessageDigest sha;
    private long count;

    Digest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(byte[] b, int n) {
        sha.update(b, 0, n);
        count += n;
    }

    long count() {
        return count;
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
