package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git push} over SSH with the real git and ssh clients and keys made by the real ssh-keygen: a key
 * added with {@code ferry keys:add} pushes a Procfile-only app that is built and released as over HTTP; an
 * unknown key, an unknown app, another user's app, a removed key, a malformed key and other commands are
 * refused.
 */
class GitSshPushTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final PlatformExtension<Platform> started = PlatformExtension.starting(
            dir -> Platform.start(FerryConfig.ephemeral(dir).withSshPort(FerryConfig.EPHEMERAL)));

    @TempDir
    Path work;

    private Platform platform;
    private Api admin;
    private Cli adminCli;

    @BeforeEach
    void start() throws Exception {
        platform = started.get();
        String token = platform.adminToken().token();
        admin = new Api(platform.apiPort(), platform.httpPort(), token);
        adminCli = new Cli(platform.apiPort(), token, work.resolve("admin-home"));
        assertThat(admin.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    private String remote(String path) {
        return "ssh://git@127.0.0.1:" + platform.sshPort() + "/" + path;
    }

    /** A new Ed25519 key pair made by ssh-keygen; returns the private key's file ({@code .pub} next to it). */
    private Path keygen(String name, String comment) throws Exception {
        Path key = Files.createDirectories(work.resolve("keys")).resolve(name);
        Result r = run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString()));
        assertThat(r.exit()).as(r.output()).isZero();
        return key;
    }

    /** The real git in a repository of its own, using {@code key} (and only it) for SSH. */
    private Git gitWithKey(String dir, Path key) throws IOException {
        return new Git(work.resolve(dir), work.resolve("home")).env("GIT_SSH_COMMAND", String.join(" ", ssh(key)));
    }

    private List<String> ssh(Path key) {
        return List.of("ssh", "-F", "/dev/null", "-i", "'" + key + "'", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR", "-p", String.valueOf(platform.sshPort()));
    }

    private Git procfileApp(String dir, Path key) throws Exception {
        Git app = gitWithKey(dir, key).init()
                .write("Procfile", "web: ./server.sh\n")
                .write("server.sh", "#!/bin/sh\nexec /usr/bin/python3 -m http.server \"$PORT\"\n");
        Files.setPosixFilePermissions(app.dir().resolve("server.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return app;
    }

    private List<String> releaseDescriptions(String app) throws Exception {
        JsonNode releases = JSON.readTree(admin.get("/api/apps/" + app + "/releases").body());
        List<String> out = new ArrayList<>();
        releases.forEach(r -> out.add(r.get("description").asText() + " " + r.get("status").asText()));
        return out;
    }

    @Test
    void deploysAPushOverSshWithAKeyAddedByTheCli() throws Exception {
        Path key = keygen("alice", "alice@laptop");
        CommandRunner.Result added = adminCli.run("keys:add", key + ".pub");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("Added SSH key SHA256:").contains("(alice@laptop)");
        Git git = procfileApp("app", key);
        String commit = git.commit("first");

        Git.Result pushed = git.run("push", remote("hello.git"), "main");

        assertThat(pushed.exit()).as(pushed.output()).isZero();
        assertThat(pushed.output())
                .contains("remote: -----> Procfile app detected")
                .contains("remote:        Procfile declares types -> web")
                .contains("remote: -----> Released v1 (Deploy " + commit.substring(0, 7) + ")");
        assertThat(releaseDescriptions("hello")).containsExactly("Deploy " + commit.substring(0, 7) + " succeeded");
        assertThat(started.dataDir().resolve("repos/hello.git/refs/heads/main")).hasContent(commit);

        Git clone = gitWithKey("clone", key);
        clone.ok("clone", "-q", remote("hello"), "copy");
        assertThat(clone.dir().resolve("copy/Procfile")).hasContent("web: ./server.sh\n");
    }

    @Test
    void pushesThroughTheRemoteThatGitRemoteSshAdds() throws Exception {
        Path key = keygen("alice", "alice@laptop");
        assertThat(adminCli.run("keys:add", key + ".pub").exit()).isZero();
        Git git = procfileApp("app", key);
        String commit = git.commit("first");

        CommandRunner.Result remote = new Cli(platform.apiPort(), platform.adminToken().token(), git.dir()).run("git:remote", "--ssh", "-a", "hello");
        assertThat(remote.exit()).as(remote.err()).isZero();
        assertThat(git.ok("remote", "get-url", "ferry").output().strip()).isEqualTo(remote("hello.git"));

        Git.Result pushed = git.run("push", "ferry", "main");
        assertThat(pushed.exit()).as(pushed.output()).isZero();
        assertThat(releaseDescriptions("hello")).containsExactly("Deploy " + commit.substring(0, 7) + " succeeded");
    }

    @Test
    void refusesAnUnknownKeyAndAKeyOnceRemoved() throws Exception {
        Path key = keygen("alice", "alice@laptop");
        Git git = procfileApp("app", key);
        git.commit("first");

        Git.Result unknown = git.run("push", remote("hello.git"), "main");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("Permission denied (publickey)");

        assertThat(adminCli.run("keys:add", key + ".pub").exit()).isZero();
        assertThat(git.run("ls-remote", remote("hello.git")).exit()).isZero();
        CommandRunner.Result removed = adminCli.run("keys:remove", "alice@laptop");
        assertThat(removed.exit()).as(removed.err()).isZero();

        Git.Result afterRemoval = git.run("push", remote("hello.git"), "main");
        assertThat(afterRemoval.output()).contains("Permission denied (publickey)");
        assertThat(releaseDescriptions("hello")).isEmpty();
    }

    @Test
    void refusesAnUnknownAppAndAnotherUsersApp() throws Exception {
        Path adminKey = keygen("admin", "admin@box");
        assertThat(adminCli.run("keys:add", adminKey + ".pub").exit()).isZero();
        Git git = procfileApp("app", adminKey);
        git.commit("first");

        Git.Result unknown = git.run("push", remote("nope.git"), "main");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("fatal: remote error: There is no app named nope");

        String bobToken = JSON.readTree(admin.post("/api/users", "{\"email\":\"bob@example.com\"}").body()).get("token").asText();
        Path bobKey = keygen("bob", "bob@desk");
        CommandRunner.Result bobAdded = new Cli(platform.apiPort(), bobToken, work.resolve("bob-home")).run("keys:add", bobKey + ".pub");
        assertThat(bobAdded.exit()).as(bobAdded.err()).isZero();
        Git bob = gitWithKey("app", bobKey);

        Git.Result forbidden = bob.run("push", remote("hello.git"), "main");
        assertThat(forbidden.exit()).isNotZero();
        assertThat(forbidden.output()).contains("fatal: remote error: There is no app named hello");
        Git.Result cloneForbidden = gitWithKey("bob-clone", bobKey).run("clone", remote("hello"), "copy");
        assertThat(cloneForbidden.exit()).isNotZero();
        assertThat(cloneForbidden.output()).contains("There is no app named hello");
        assertThat(releaseDescriptions("hello")).isEmpty();
    }

    @Test
    void refusesAMalformedKeyOnKeysAdd() throws Exception {
        Path key = keygen("alice", "alice@laptop");
        String line = Files.readString(Path.of(key + ".pub"));
        Path truncated = Files.writeString(work.resolve("truncated.pub"), line.substring(0, 40) + " me@host\n");

        CommandRunner.Result refused = adminCli.run("keys:add", truncated.toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("ferry: the ssh-ed25519 key is damaged");
        assertThat(adminCli.run("keys").out()).contains("You have no SSH keys");
    }

    @Test
    void refusesShellsAndCommandsOtherThanGits() throws Exception {
        Path key = keygen("alice", "alice@laptop");
        assertThat(adminCli.run("keys:add", key + ".pub").exit()).isZero();
        List<String> command = new ArrayList<>(ssh(key));
        command.set(command.indexOf("'" + key + "'"), key.toString());
        command.addAll(List.of("git@127.0.0.1", "cat /etc/passwd"));

        Result other = run(command);

        assertThat(other.exit()).isNotZero();
        assertThat(other.output()).contains("Ferry serves only git over SSH").doesNotContain("root:");
    }

    @Test
    void tellsTheCliWhenGitOverSshIsOff(@TempDir Path otherData) throws Exception {
        try (Platform off = Platform.start(FerryConfig.ephemeral(otherData))) {
            assertThat(off.sshPort()).isEqualTo(-1);
            String token = off.adminToken().token();
            Api api = new Api(off.apiPort(), off.httpPort(), token);
            assertThat(JSON.readTree(api.get("/api/ssh").body()).get("enabled").asBoolean()).isFalse();
            assertThat(api.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
            Git git = new Git(work.resolve("off"), work.resolve("home")).init();

            CommandRunner.Result remote = new Cli(off.apiPort(), token, git.dir()).run("git:remote", "--ssh", "-a", "hello");

            assertThat(remote.exit()).isEqualTo(1);
            assertThat(remote.err()).contains("git over SSH is off on this platform");
            assertThat(otherData.resolve("ssh_host_ed25519_key")).doesNotExist();
        }
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within a minute");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
