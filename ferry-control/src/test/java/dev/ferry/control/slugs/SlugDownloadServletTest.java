package dev.ferry.control.slugs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.ControlConfig;
import dev.ferry.control.ControlServer;
import dev.ferry.control.MountedServlet;
import dev.ferry.core.build.SlugTokens;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.User;
import dev.ferry.control.auth.AdminToken;
import dev.ferry.store.route.JournaledRouteRegistry;
import dev.ferry.store.sql.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slug download opens exactly one release's slug, with a token that has not expired, and nothing else. */
class SlugDownloadServletTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final String SLUG_ID = "ab".repeat(32);
    private static final byte[] SLUG = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4};

    @TempDir
    Path dir;

    private final SlugTokens tokens = new SlugTokens(new byte[32]);
    private final HttpClient http = HttpClient.newHttpClient();
    private SqliteStore store;
    private ControlServer server;

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.openInDataDir(dir);
        User admin = store.authenticate(AdminToken.bootstrap(store, dir).token()).orElseThrow();
        store.createApp(admin.id(), HELLO);
        store.createApp(admin.id(), AppName.of("other"));
        store.createDeployRelease(HELLO, SLUG_ID, "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d", Map.of("web", "./serve"),
                admin.id());
        Path slug = Files.write(dir.resolve(SLUG_ID + ".tar.gz"), SLUG);
        SlugDownloadServlet servlet = new SlugDownloadServlet(tokens, store, id -> {
            if (!id.equals(SLUG_ID)) {
                throw new NoSuchElementException(id);
            }
            return slug;
        }, Clock.systemUTC());
        server = new ControlServer(ControlConfig.builder().port(0).build(), JournaledRouteRegistry.inMemory(), store,
                t -> Optional.empty(), () -> "", List.of(new MountedServlet(SlugDownloadServlet.PATH_SPEC, servlet)))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void servesTheSlugOfTheReleaseItsTokenNames() throws Exception {
        HttpResponse<byte[]> r = get("/slugs/hello/v1", tokens.issue(HELLO, 1, Instant.now().plusSeconds(60)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/gzip");
        assertThat(r.body()).isEqualTo(SLUG);
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        HttpResponse<byte[]> r = get("/slugs/hello/v1", tokens.issue(HELLO, 1, Instant.now().minusSeconds(1)));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(new String(r.body())).contains("\"code\":\"invalid_slug_token\"").contains("has expired");
    }

    @Test
    void refusesATokenOfAnotherReleaseOrApp() throws Exception {
        Instant later = Instant.now().plusSeconds(60);

        HttpResponse<byte[]> otherRelease = get("/slugs/hello/v1", tokens.issue(HELLO, 2, later));
        HttpResponse<byte[]> otherApp = get("/slugs/hello/v1", tokens.issue(AppName.of("other"), 1, later));

        assertThat(otherRelease.statusCode()).isEqualTo(403);
        assertThat(new String(otherRelease.body())).contains("\"code\":\"wrong_release\"");
        assertThat(otherApp.statusCode()).isEqualTo(403);
    }

    @Test
    void refusesAForgedOrMissingTokenAndAnApiToken() throws Exception {
        String forged = new SlugTokens(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).issue(HELLO, 1, Instant.now().plusSeconds(60));

        assertThat(get("/slugs/hello/v1", forged).statusCode()).isEqualTo(401);
        assertThat(get("/slugs/hello/v1", null).statusCode()).isEqualTo(401);
        assertThat(get("/slugs/hello/v1", "ferry_an-api-token").statusCode()).isEqualTo(401);
    }

    @Test
    void answersNotFoundForAReleaseWithoutASlugOrABadPath() throws Exception {
        Instant later = Instant.now().plusSeconds(60);

        assertThat(get("/slugs/hello/v7", tokens.issue(HELLO, 7, later)).statusCode()).isEqualTo(404);
        assertThat(get("/slugs/hello/latest", tokens.issue(HELLO, 1, later)).statusCode()).isEqualTo(404);
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
