package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ferry git:remote} sets a repository up so that a plain {@code git push ferry main} deploys: the
 * credential helper it installs runs the real {@code ferry} binary (a JVM started by git) for the token.
 */
class GitRemoteTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void setsUpARemoteThatPushesWithoutAskingAndKeepsTheTokenOutOfTheRepository() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            String token = platform.adminToken().token();
            String apiUrl = "http://127.0.0.1:" + platform.apiPort();
            new Api(platform.apiPort(), platform.httpPort(), token).post("/api/apps", "{\"name\":\"hello\"}");
            Path launcher = work.resolve("ferry");
            Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' -cp '" + System.getProperty("java.class.path") + "' dev.ferry.server.Main \"$@\"\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
            Git git = new Git(work.resolve("app"), work.resolve("home")).init()
                    .env("FERRY_API_URL", apiUrl).env("FERRY_API_TOKEN", token);
            git.write("Procfile", "web: ./server.sh\n").write("server.sh", "#!/bin/sh\nexec /usr/bin/python3 -m http.server \"$PORT\"\n");
            Files.setPosixFilePermissions(git.dir().resolve("server.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
            String commit = git.commit("first");
            CliEnvironment env = new CliEnvironment(Map.of("FERRY_API_URL", apiUrl, "FERRY_API_TOKEN", token,
                    "FERRY_LAUNCHER", launcher.toString()), work.resolve("home"), false, git.dir());

            String[] result = cli(env, "git:remote", "-a", "hello");
            assertThat(result[0]).as(result[2]).isEqualTo("0");
            assertThat(result[1]).isEqualTo("Added git remote ferry -> " + apiUrl + "/git/hello.git\n"
                    + "Deploy with: git push ferry main\n");
            assertThat(cli(env, "git:remote", "-a", "hello")[1]).startsWith("Updated git remote ferry");
            assertThat(Files.readString(git.dir().resolve(".git/config"))).doesNotContain(token);

            Git.Result pushed = git.run("push", "ferry", "main");

            assertThat(pushed.exit()).as(pushed.output()).isZero();
            assertThat(pushed.output()).contains("remote: -----> Released v1 (Deploy " + commit.substring(0, 7) + ")");
            assertThat(cli(env.inDirectory(git.dir()), "releases")[1]).contains("Deploy " + commit.substring(0, 7));
        }
    }

    private static String[] cli(CliEnvironment env, String... args) {
        CommandLine cli = FerryCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }
}
