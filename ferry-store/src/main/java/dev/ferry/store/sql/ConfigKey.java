package dev.ferry.store.sql;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a SQL store finds the 256-bit key that encrypts config vars at rest: a key file ({@code secret.key} in
 * the data dir by default for the embedded store, {@code --secret-key-file} for any), created with a new random
 * key when it is missing and the database has none yet, or a key given as base64 ({@code FERRY_SECRET_KEY}),
 * which every control node on one PostgreSQL database shares. The database records the key's fingerprint and
 * refuses to open with another key.
 */
public sealed interface ConfigKey {

    /** How many bytes a key has. */
    int KEY_BYTES = 32;

    /** A key kept in {@code path}, one line of base64; made (mode 0600) when missing and the database is new. */
    record File(Path path) implements ConfigKey {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return "the secret key file " + path;
        }
    }

    /** A key given as its bytes, read from {@code origin} (such as the variable FERRY_SECRET_KEY). */
    record Given(byte[] bytes, String origin) implements ConfigKey {
        public Given {
            Objects.requireNonNull(origin, "origin");
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("holds " + bytes.length + " bytes; a key has " + KEY_BYTES
                        + " (make one with: head -c 32 /dev/urandom | base64)");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String describe() {
            return "the key in " + origin;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Given g && Arrays.equals(bytes, g.bytes) && origin.equals(g.origin);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bytes) + origin.hashCode();
        }

        /** Names the origin only: a key is never printed. */
        @Override
        public String toString() {
            return "Given[" + origin + "]";
        }
    }

    /** The key in {@code file}. */
    static ConfigKey file(Path file) {
        return new File(file);
    }

    /**
     * The key written in base64 in {@code value}, read from {@code origin}.
     *
     * @throws IllegalArgumentException saying why when it is not base64 of 32 bytes
     */
    static ConfigKey base64(String value, String origin) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not base64 (make a key with: head -c 32 /dev/urandom | base64)", e);
        }
        return new Given(bytes, origin);
    }

    /** Names the key in messages, never showing it. */
    String describe();
}
