package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.PlatformExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures the user did not cause (a store that cannot be written because another process holds the
 * database's write lock past the busy timeout, a repository that cannot be created) reach the pusher and the
 * API caller as a sentence, never with the server's paths.
 */
class FailureMessagesTest {

    @RegisterExtension
    final PlatformExtension<Platform> started = PlatformExtension.starting(
            dir -> Platform.start(FerryConfig.ephemeral(dir)));

    @TempDir
    Path work;

    private Platform platform;
    private Api admin;
    private String adminToken;

    @BeforeEach
    void start() throws Exception {
        platform = started.get();
        adminToken = platform.adminToken().token();
        admin = new Api(platform.apiPort(), platform.httpPort(), adminToken);
        assertThat(admin.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    /** Another process's write transaction on the platform's database, held until closed. */
    private Connection lockTheDatabase() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + started.dataDir().resolve("ferry.db"));
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
        }
        return c;
    }

    @Test
    void aPushThatCannotBeRecordedShowsNoServerPath() throws Exception {
        Git git = new Git(work.resolve("app"), work.resolve("home")).init().write("Procfile", "web: sleep 1000\n");
        git.commit("first");

        Git.Result pushed;
        try (Connection lock = lockTheDatabase()) {
            List<String> args = new ArrayList<>(List.of(Git.tokenHelper(adminToken)));
            args.addAll(List.of("push", "http://127.0.0.1:" + platform.apiPort() + "/git/hello.git", "main"));
            pushed = git.run(args.toArray(String[]::new));
        }

        assertThat(pushed.exit()).as(pushed.output()).isNotZero();
        assertThat(pushed.output())
                .contains("the platform's store is unavailable; the server log has the details")
                .doesNotContain(started.dataDir().toString()).doesNotContain("ferry.db").doesNotContain("SQLITE");
        assertThat(started.dataDir().resolve("repos/hello.git/refs/heads/main")).doesNotExist();
    }

    @Test
    void aRepositoryThatCannotBeCreatedShowsNoServerPath() throws Exception {
        Path repo = started.dataDir().resolve("repos/hello.git");
        Files.createDirectories(repo.getParent());
        Files.deleteIfExists(repo);
        Files.writeString(repo, "not a repository");
        Git git = new Git(work.resolve("app"), work.resolve("home")).init().write("Procfile", "web: sleep 1000\n");
        git.commit("first");

        List<String> args = new ArrayList<>(List.of(Git.tokenHelper(adminToken)));
        args.addAll(List.of("push", "http://127.0.0.1:" + platform.apiPort() + "/git/hello.git", "main"));
        Git.Result pushed = git.run(args.toArray(String[]::new));
        HttpResponse<String> refs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + platform.apiPort() + "/git/hello.git/info/refs?service=git-receive-pack"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("x:" + adminToken).getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(pushed.exit()).isNotZero();
        assertThat(pushed.output()).doesNotContain(started.dataDir().toString());
        assertThat(refs.statusCode()).isEqualTo(500);
        assertThat(refs.body()).isEqualTo("the server could not read or write its files; the server log has the details\n");
    }

    @Test
    void anApiCallThatCannotBeRecordedShowsNoServerPath() throws Exception {
        HttpResponse<String> r;
        try (Connection lock = lockTheDatabase()) {
            r = admin.post("/api/apps", "{\"name\":\"other\"}");
        }

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"code\":\"store_unavailable\"")
                .doesNotContain(started.dataDir().toString()).doesNotContain("ferry.db");
    }
}
