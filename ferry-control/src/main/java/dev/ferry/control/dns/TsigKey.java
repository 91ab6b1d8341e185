package dev.ferry.control.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TSIG key (RFC 8945) that signs Ferry's dynamic updates, as BIND's {@code tsig-keygen} writes it and
 * {@code named.conf} includes it:
 * <pre>
 * key "ferry-acme" {
 *     algorithm hmac-sha256;
 *     secret "base64…";
 * };
 * </pre>
 * {@link #toString()} leaves the secret out, so no log prints it.
 *
 * @param name      the key's name, as the server knows it
 * @param algorithm one of {@link #ALGORITHMS}, in lower case
 * @param secret    the shared secret in base64
 */
public record TsigKey(String name, String algorithm, String secret) {

    /** The HMAC algorithms a key may use (RFC 8945 §6). */
    public static final Set<String> ALGORITHMS = Set.of("hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384",
            "hmac-sha512");

    private static final Pattern KEY = Pattern.compile(
            "key\\s+\"?([A-Za-z0-9._-]+)\"?\\s*\\{(.*?)}\\s*;", Pattern.DOTALL);
    private static final Pattern ALGORITHM = Pattern.compile("algorithm\\s+\"?([A-Za-z0-9-]+)\"?\\s*;");
    private static final Pattern SECRET = Pattern.compile("secret\\s+\"([A-Za-z0-9+/=\\s]+)\"\\s*;");

    /** @throws IllegalArgumentException naming what is wrong with the key */
    public TsigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(secret, "secret");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("the TSIG algorithm '" + algorithm + "' is not one of "
                    + String.join(", ", ALGORITHMS.stream().sorted().toList()));
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the TSIG secret of key '" + name + "' is not base64");
        }
        if (raw.length < 16) {
            throw new IllegalArgumentException("the TSIG secret of key '" + name + "' is shorter than 16 bytes");
        }
    }

    /**
     * The first key of a file in BIND's {@code key "NAME" { algorithm ALG; secret "BASE64"; };} form.
     *
     * @throws IllegalArgumentException saying why the file cannot be used (unreadable, no key clause, no secret)
     */
    public static TsigKey read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TSIG key file " + file + ": " + e.getMessage(), e);
        }
        Matcher key = KEY.matcher(text);
        if (!key.find()) {
            throw new IllegalArgumentException(file + " holds no TSIG key in BIND's form, key \"NAME\" { algorithm"
                    + " hmac-sha256; secret \"BASE64\"; }; (as tsig-keygen NAME writes it)");
        }
        Matcher algorithm = ALGORITHM.matcher(key.group(2));
        Matcher secret = SECRET.matcher(key.group(2));
        if (!algorithm.find() || !secret.find()) {
            throw new IllegalArgumentException("the key \"" + key.group(1) + "\" in " + file
                    + " needs both an algorithm and a secret clause");
        }
        return new TsigKey(key.group(1), algorithm.group(1), secret.group(1).replaceAll("\\s", ""));
    }

    @Override
    public String toString() {
        return "TsigKey[" + name + ", " + algorithm + ", secret hidden]";
    }
}
