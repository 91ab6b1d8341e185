package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.PlatformExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over SSH, with the real git and ssh clients: a deploy whose {@code predeploy} script fails refuses the push
 * (git exits non-zero, the branch is not created, nothing runs), with the script's output and the reason in the
 * {@code remote:} lines, as over HTTP.
 */
class RejectedSshPushTest {

    private static final String PREDEPLOY = "echo checking the database; exit 3";

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(
            dir -> new RuntimePlatform(FerryConfig.ephemeral(dir).withSshPort(FerryConfig.EPHEMERAL)));

    @TempDir
    Path work;

    private RuntimePlatform ferry;

    @BeforeEach
    void prepare() throws Exception {
        ferry = platform.get();
        ferry.createApp("hello");
    }

    @Test
    void refusesThePushWhenItsPredeployFails() throws Exception {
        Path key = work.resolve("alice");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0).isTrue();
        assertThat(ferry.cli(work.resolve("home")).run("keys:add", key + ".pub").exit()).isZero();
        Git git = new Git(work.resolve("app"), work.resolve("home")).init()
                .write("Procfile", "web: /usr/bin/python3 server.py\n")
                .write("server.py", PythonApp.SERVER)
                .write("version.txt", "v1\n")
                .write("app.json", "{\"scripts\": {\"dokku\": {\"predeploy\": \"" + PREDEPLOY + "\"}}}\n");
        git.commit("predeploy that fails");

        String ssh = "ssh -F /dev/null -i '" + key + "' -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
                + " -o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR";
        ProcessBuilder pb = new ProcessBuilder("git", "push", "ssh://git@127.0.0.1:" + ferry.platform.sshPort()
                + "/hello.git", "main").directory(git.dir().toFile()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("HOME", work.resolve("home").toString(), "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_TERMINAL_PROMPT", "0", "GIT_SSH_COMMAND", ssh));
        Process push = pb.start();
        push.getOutputStream().close();
        String output = new String(push.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(push.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(push.exitValue()).as(output).isNotZero();
        assertThat(output).containsSubsequence("remote:        checking the database",
                "remote:  !     Deploy failed: predeploy command failed with exit code 3; no release is running",
                "remote:  !     Push rejected, failed to deploy hello v1",
                "! [remote rejected] main -> main (deploy failed)");
        assertThat(platform.dataDir().resolve("repos/hello.git/refs/heads/main")).doesNotExist();
        assertThat(ferry.json("/api/apps/hello/ps")).isEmpty();
    }
}
