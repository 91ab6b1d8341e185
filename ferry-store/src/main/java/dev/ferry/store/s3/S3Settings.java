package dev.ferry.store.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the bucket of {@code --slug-store}: its {@link S3Location}, and the endpoint, region and credentials
 * read from the environment by the names every S3 tool reads ({@link #fromEnvironment}):
 * {@code AWS_ENDPOINT_URL} (default: AWS's own endpoint of the region; when given, buckets are addressed by path,
 * {@code http://host:port/bucket/key}, as MinIO, Ceph and other S3-compatible servers expect),
 * {@code AWS_REGION} (default {@value #DEFAULT_REGION}), {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}
 * (required) and {@code AWS_SESSION_TOKEN} (optional, for temporary credentials). {@link #toString} never shows
 * the secret key or the session token.
 */
public record S3Settings(S3Location location, Optional<URI> endpoint, String region, String accessKeyId,
                         String secretAccessKey, Optional<String> sessionToken) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";
    public static final String REGION_VARIABLE = "AWS_REGION";
    public static final String ACCESS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_KEY_VARIABLE = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN_VARIABLE = "AWS_SESSION_TOKEN";

    public S3Settings {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(sessionToken, "sessionToken");
        if (region == null || !region.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("needs " + REGION_VARIABLE + " to be a region such as us-east-1, not '"
                    + region + "'");
        }
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("needs the bucket's credentials in the environment: "
                    + ACCESS_KEY_VARIABLE + " and " + SECRET_KEY_VARIABLE);
        }
    }

    /**
     * The settings of {@code location} from {@code env}.
     *
     * @throws IllegalArgumentException naming the variable that is missing or wrong, never repeating a secret
     */
    public static S3Settings fromEnvironment(S3Location location, Map<String, String> env) {
        return new S3Settings(location, nonBlank(env, ENDPOINT_VARIABLE).map(S3Settings::endpoint),
                nonBlank(env, REGION_VARIABLE).orElse(DEFAULT_REGION),
                nonBlank(env, ACCESS_KEY_VARIABLE).orElse(null), nonBlank(env, SECRET_KEY_VARIABLE).orElse(null),
                nonBlank(env, SESSION_TOKEN_VARIABLE));
    }

    /** The endpoint as a person would name it: the given one, else AWS's. */
    public String endpointName() {
        return endpoint.map(URI::toString).orElse("https://s3." + region + ".amazonaws.com");
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if ((uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https")))
                    && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("needs " + ENDPOINT_VARIABLE + " to be an http:// or https:// URL such as"
                + " http://127.0.0.1:9000, not '" + value + "'");
    }

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return location + " at " + endpointName() + " (region " + region + ", access key " + accessKeyId + ")";
    }
}
