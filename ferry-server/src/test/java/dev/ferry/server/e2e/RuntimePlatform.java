package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.server.Platform;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A platform that runs apps' instances, with the runtime's durations shortened for tests, an admin client and
 * the app {@code hello}. Tests that need instances are skipped when this build has no runtime.
 */
final class RuntimePlatform implements AutoCloseable {

    /** A broken release is abandoned after 10 s; old instances drain for at most 1 s and get 2 s after SIGTERM. */
    static final PlatformTuning TUNING = PlatformTuning.DEFAULT.withPassiveEjection(Duration.ofSeconds(1))
            .withRuntime(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final ObjectMapper JSON = new ObjectMapper();

    final Platform platform;
    final Api admin;
    final String token;

    RuntimePlatform(Path dataDir) throws Exception {
        this(FerryConfig.ephemeral(dataDir));
    }

    RuntimePlatform(FerryConfig config) throws Exception {
        this(config, TUNING);
    }

    /** With other settings than {@link #TUNING}, e.g. a faster autoscaler. */
    RuntimePlatform(FerryConfig config, PlatformTuning tuning) throws Exception {
        platform = Platform.start(config, tuning);
        if (platform.runtime().isEmpty()) {
            platform.close();
        }
        assumeTrue(platform.runtime().isPresent(), "this build of Ferry has no runtime");
        token = platform.adminToken().token();
        admin = new Api(platform.apiPort(), platform.httpPort(), token);
    }

    void createApp(String name) throws Exception {
        assertThat(admin.post("/api/apps", "{\"name\":\"" + name + "\"}").statusCode()).isEqualTo(201);
    }

    String remote(String app) {
        return "http://127.0.0.1:" + platform.apiPort() + "/git/" + app + ".git";
    }

    JsonNode json(String path) {
        try {
            return JSON.readTree(admin.get(path).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many of the app's instances of {@code type} are up. */
    long up(String app, String type) {
        long n = 0;
        for (JsonNode p : json("/api/apps/" + app + "/ps")) {
            if (p.get("type").asText().equals(type) && p.get("state").asText().equals("up")) {
                n++;
            }
        }
        return n;
    }

    Cli cli(Path home) {
        return new Cli(platform.apiPort(), token, home);
    }

    @Override
    public void close() {
        platform.close();
    }
}
