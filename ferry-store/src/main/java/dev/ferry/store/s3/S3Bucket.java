package dev.ferry.store.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * One bucket prefix of an S3-compatible store, through the AWS SDK's S3 client on its Apache HTTP client: the
 * objects of {@link S3SlugArchive} and {@link S3BuildLogArchive}. {@link #open} checks at once that the bucket
 * exists and that the credentials may write and read under the prefix, so a platform refuses to start (with
 * {@link S3StoreUnavailableException}'s sentence) rather than fail its first build; it writes one small object,
 * {@value #MARKER}, to do so. Uploads stream from files, in one request up to {@code partBytes} and as a multipart
 * upload of such parts beyond ({@link MultipartUpload}); downloads stream to the caller's output. Neither holds
 * more than the HTTP client's buffers in memory. The client speaks S3's plain protocol: no aws-chunked bodies and
 * no request checksums beyond those S3 requires, which S3-compatible servers do not all understand. Thread-safe.
 */
public final class S3Bucket implements AutoCloseable {

    /** The object {@link #open} writes and reads back under the prefix. */
    public static final String MARKER = "ferry-slug-store";
    /** The size of one part of a multipart upload, and the largest object sent in one request: 16 MiB. */
    public static final long DEFAULT_PART_BYTES = 16L * 1024 * 1024;

    private final S3Settings settings;
    private final S3Client client;
    private final long partBytes;

    private S3Bucket(S3Settings settings, S3Client client, long partBytes) {
        this.settings = settings;
        this.client = client;
        this.partBytes = partBytes;
    }

    /** Opens the bucket with {@link #DEFAULT_PART_BYTES} parts and checks that it can be used. */
    public static S3Bucket open(S3Settings settings) {
        return open(settings, DEFAULT_PART_BYTES);
    }

    /**
     * Opens the bucket and checks that it can be used.
     *
     * @param partBytes at least 5 MiB, S3's smallest part but the last
     * @throws S3StoreUnavailableException saying why it cannot (no such bucket, a refused key, no answer)
     */
    public static S3Bucket open(S3Settings settings, long partBytes) {
        if (partBytes < MultipartUpload.MIN_PART_BYTES) {
            throw new IllegalArgumentException("parts must be at least 5 MiB, S3's smallest");
        }
        S3Bucket bucket = new S3Bucket(settings, client(settings), partBytes);
        try {
            bucket.check();
            return bucket;
        } catch (RuntimeException e) {
            bucket.close();
            throw e;
        }
    }

    private static S3Client client(S3Settings settings) {
        AwsCredentials credentials = settings.sessionToken()
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .forcePathStyle(settings.endpoint().isPresent())
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Writes and reads back {@link #MARKER}. */
    private void check() {
        String key = settings.location().key(MARKER);
        try {
            client.putObject(r -> r.bucket(bucket()).key(key).contentType("text/plain"),
                    RequestBody.fromString("Ferry keeps slugs and build outputs under this prefix.\n"));
            client.getObjectAsBytes(r -> r.bucket(bucket()).key(key));
        } catch (SdkException e) {
            throw S3StoreUnavailableException.of(settings, e);
        }
    }

    /** Where this bucket is, as {@code --slug-store} named it. */
    public S3Location location() {
        return settings.location();
    }

    /** Whether object {@code name} (under the prefix) exists. */
    public boolean exists(String name) throws IOException {
        try {
            client.headObject(r -> r.bucket(bucket()).key(key(name)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            throw failed("look up", name, e);
        }
    }

    /** Stores {@code file} as object {@code name}, replacing it; the object appears whole or not at all. */
    public void upload(String name, Path file) throws IOException {
        long size = Files.size(file);
        try {
            if (size <= partBytes) {
                client.putObject(r -> r.bucket(bucket()).key(key(name)).contentLength(size), RequestBody.fromFile(file));
            } else {
                new MultipartUpload(client, bucket(), key(name), file, size, partBytes).run();
            }
        } catch (SdkException e) {
            throw failed("store", name, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes object {@code name} to {@code out}.
     *
     * @return false (and nothing written) when there is no such object
     */
    public boolean download(String name, OutputStream out) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(r -> r.bucket(bucket()).key(key(name)))) {
            in.transferTo(out);
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            throw failed("read", name, e);
        }
    }

    /** Deletes object {@code name}; nothing when there is none. */
    public void delete(String name) throws IOException {
        try {
            client.deleteObject(r -> r.bucket(bucket()).key(key(name)));
        } catch (SdkException e) {
            throw failed("delete", name, e);
        }
    }

    private String bucket() {
        return settings.location().bucket();
    }

    private String key(String name) {
        return settings.location().key(name);
    }

    private IOException failed(String what, String name, SdkException e) {
        return new IOException("cannot " + what + " " + settings.location() + "/" + name + ": "
                + S3StoreUnavailableException.reason(settings, e), e);
    }

    @Override
    public void close() {
        client.close();
    }
}
