package dev.ferry.store.s3;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a platform keeps its slugs and build outputs in an S3-compatible store: {@code s3://BUCKET[/PREFIX]}, as
 * {@code --slug-store} takes it. Objects are named under the prefix ({@link #key}); without one, at the bucket's
 * root. The bucket name follows S3's rules (3 to 63 lowercase letters, digits, dots and hyphens, starting and
 * ending with a letter or digit); the prefix has no leading or trailing slash and no empty, {@code .} or
 * {@code ..} segment.
 */
public record S3Location(String bucket, String prefix) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("names the bucket '" + bucket + "', which is not an S3 bucket name"
                    + " (3 to 63 lowercase letters, digits, dots and hyphens)");
        }
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("has the prefix '" + prefix + "', whose parts between slashes"
                            + " must be letters, digits, dots, hyphens and underscores");
                }
            }
        }
    }

    /**
     * Reads {@code s3://BUCKET[/PREFIX]}; a trailing slash is allowed.
     *
     * @throws IllegalArgumentException saying what is wrong, in words that follow the value in a message
     */
    public static S3Location parse(String value) {
        if (value == null || !value.startsWith("s3://")) {
            throw new IllegalArgumentException("is not an S3 location such as s3://my-bucket/ferry");
        }
        String rest = value.substring("s3://".length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The key of object {@code name} under the prefix, e.g. {@code ferry/slugs/<id>.tar.gz}. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
