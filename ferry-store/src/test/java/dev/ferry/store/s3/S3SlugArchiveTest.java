package dev.ferry.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.UserId;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 slug store against a real S3-compatible server ({@link S3rverProcess}): slugs stored once under their
 * SHA-256 (a large one as a multipart upload) and streamed back, build outputs replaced and deleted with their
 * app, and a bucket that cannot
 * be used refused at open with a sentence saying why, writing nothing.
 */
class S3SlugArchiveTest {

    private static final String BUCKET = "ferry-slugs";
    private static final long PART = MultipartUpload.MIN_PART_BYTES;

    @TempDir
    static Path serverDir;

    private static S3rverProcess s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = S3rverProcess.start(serverDir.resolve("s3"), BUCKET, "empty");
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    @Test
    void storesALargeSlugOnceInPartsAndStreamsItBack() throws Exception {
        Path slug = randomFile("slug.tar.gz", 12 * 1024 * 1024 + 123);
        String id = sha256(slug);
        try (S3Bucket bucket = S3Bucket.open(settings("fleet/one", s3.env()), PART)) {
            S3SlugArchive archive = new S3SlugArchive(bucket);
            assertThat(archive.contains(id)).isFalse();

            archive.put(id, slug);

            assertThat(archive.contains(id)).isTrue();
            assertThat(s3.objects(BUCKET)).contains("fleet/one/slugs/" + id + ".tar.gz", "fleet/one/ferry-slug-store");
            assertThat(Files.mismatch(s3.objectFile(BUCKET, "fleet/one/slugs/" + id + ".tar.gz"), slug))
                    .as("stored whole, from three parts").isEqualTo(-1);
            Path back = dir.resolve("back");
            try (OutputStream out = Files.newOutputStream(back)) {
                assertThat(archive.copyTo(id, out)).isTrue();
            }
            assertThat(Files.mismatch(back, slug)).isEqualTo(-1);

            archive.put(id, randomFile("other", 1000));
            assertThat(Files.mismatch(s3.objectFile(BUCKET, "fleet/one/slugs/" + id + ".tar.gz"), slug))
                    .as("a slug already stored is not written again").isEqualTo(-1);
        }
    }

    @Test
    void aSlugNotStoredIsNotFound() throws Exception {
        try (S3Bucket bucket = S3Bucket.open(settings("fleet/two", s3.env()))) {
            S3SlugArchive archive = new S3SlugArchive(bucket);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(archive.contains("a".repeat(64))).isFalse();
            assertThat(archive.copyTo("a".repeat(64), out)).isFalse();
            assertThat(out.size()).isZero();
            assertThatThrownBy(() -> archive.contains("../etc")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void storesABuildOutputAgainInPlaceOfTheOld() throws Exception {
        try (S3Bucket bucket = S3Bucket.open(settings("fleet/three", s3.env()))) {
            S3BuildLogArchive logs = new S3BuildLogArchive(bucket);
            Path log = dir.resolve("log");
            Files.writeString(log, "Building hello\n");
            logs.put(new BuildId(7), log);
            Files.writeString(log, "Building hello\nReleased v1\n");
            logs.put(new BuildId(7), log);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(logs.copyTo(new BuildId(7), out)).isTrue();
            assertThat(out.toString()).isEqualTo("Building hello\nReleased v1\n");
            assertThat(logs.copyTo(new BuildId(8), new ByteArrayOutputStream())).isFalse();
            assertThat(s3.objects(BUCKET)).contains("fleet/three/build-logs/b-7.log");
        }
    }

    @Test
    void deletesTheOutputsOfADestroyedAppsBuildsAndNoOther() throws Exception {
        try (S3Bucket bucket = S3Bucket.open(settings("fleet/four", s3.env()))) {
            S3BuildLogArchive logs = new S3BuildLogArchive(bucket);
            Path log = Files.writeString(dir.resolve("log"), "Building\n");
            for (long id : new long[] {1, 2, 3}) {
                logs.put(new BuildId(id), log);
            }
            App app = new App(AppName.of("hello"), new UserId(1), Instant.EPOCH);

            logs.removeDataOf(new DestroyedApp(app, List.of(), Set.of(), List.of(new BuildId(1), new BuildId(2),
                    new BuildId(9))));

            assertThat(s3.objects(BUCKET)).filteredOn(key -> key.startsWith("fleet/four/build-logs/"))
                    .containsExactly("fleet/four/build-logs/b-3.log");
        }
    }

    @Test
    void refusesAnUnknownAccessKeyAndWritesNothing() throws Exception {
        Map<String, String> env = new HashMap<>(s3.env());
        env.put(S3Settings.ACCESS_KEY_VARIABLE, "NOT-A-KEY");

        assertThatThrownBy(() -> S3Bucket.open(settings("refused", env)))
                .isInstanceOf(S3StoreUnavailableException.class)
                .hasMessage("the slug store s3://ferry-slugs/refused cannot be used: " + s3.endpoint()
                        + " does not know the access key NOT-A-KEY (AWS_ACCESS_KEY_ID)")
                .message().doesNotContain(S3rverProcess.SECRET_KEY);
        assertThat(s3.objects(BUCKET)).noneMatch(key -> key.startsWith("refused/"));
    }

    @Test
    void refusesABucketThatDoesNotExist() throws Exception {
        S3Settings missing = S3Settings.fromEnvironment(S3Location.parse("s3://no-such-bucket/ferry"), s3.env());

        assertThatThrownBy(() -> S3Bucket.open(missing))
                .isInstanceOf(S3StoreUnavailableException.class)
                .hasMessage("the slug store s3://no-such-bucket/ferry cannot be used: the bucket 'no-such-bucket' does"
                        + " not exist at " + s3.endpoint() + " (create it first, e.g. aws s3 mb s3://no-such-bucket)");
        assertThat(serverDir.resolve("s3/no-such-bucket")).doesNotExist();
    }

    @Test
    void refusesAnEndpointThatDoesNotAnswer() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(s3.env());
        env.put(S3Settings.ENDPOINT_VARIABLE, "http://127.0.0.1:" + closed);

        assertThatThrownBy(() -> S3Bucket.open(settings("x", env)))
                .isInstanceOf(S3StoreUnavailableException.class)
                .hasMessageStartingWith("the slug store s3://ferry-slugs/x cannot be used: no answer from http://127.0.0.1:"
                        + closed + " (")
                .hasMessageEndingWith("; is AWS_ENDPOINT_URL right?)");
    }

    private static S3Settings settings(String prefix, Map<String, String> env) {
        return S3Settings.fromEnvironment(S3Location.parse("s3://" + BUCKET + "/" + prefix), env);
    }

    private Path randomFile(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
