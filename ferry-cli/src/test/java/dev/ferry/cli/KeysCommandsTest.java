package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.testing.CommandRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandsTest {

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICPfY2e+TgyLgNBkRAjwIwZCslfLQJfEjJlKWUXkkvJZ alice@laptop";
    static final String ED25519_FINGERPRINT = "SHA256:Y0tB42rzlaJcy8ViyoHvwdwz4waIVvkPnRgcsd+2rkc";
    static final String ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNTn7q3s7yGGtUK++ZnjDeYH2zorJsYdbAstY6ewqW9qzhveqDDrA6re57rNI03NygGCSPEribkTulLRqYq+r5s= ci";
    static final String ECDSA_FINGERPRINT = "SHA256:/zQHMQze+MbQOqln3GYuCOEobjo16JfFhtwOaxwGzcc";
    static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDwCjoKpNG8T8ya91xcTg4wVRt/0Eq2cdCKBxHysbp+hOwEHjZRtembeJ8L0LDABr7PrSxGLSiLpjudxOu52a39njvssJvDaZh9+k1R01lYZbQZTtRp9+rmMYBo+mZPnI3yi6QFxXMB+AGDRqWTgCNborSJjcdpPDgNxo8Dgy/hnnJIgtgkek65CmMlFBArZT9OrbXI3ymFZKr1+dP3kOaUbHYyur/61yFnp+uZqS1/rpT5cyPiUPn2ep40q4NWCJH8nC59dPP+6Nq94j0+ojocrUewWz3zw7MtpZ0SyFQtxjEKCcCqJOFRMhnAWzCOSLoaExAMvf1BaGA4lsvYYEX1 old box";

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer();
        cli = CliRun.asAdminOf(api, home);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void addsTheFirstDefaultKeyOfHomeSshLikeHeroku() throws Exception {
        CommandRunner.Result none = cli.run("keys:add");
        assertThat(none.exit()).isEqualTo(CliFailure.EXIT_FAILURE);
        assertThat(none.err()).contains("no public key in " + home.resolve(".ssh")).contains("ssh-keygen -t ed25519");

        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_rsa.pub"), RSA + "\n");
        Files.writeString(home.resolve(".ssh/id_ecdsa.pub"), ECDSA + "\n");

        assertThat(cli.exitsZero("keys:add").out()).isEqualTo("Added SSH key " + ECDSA_FINGERPRINT + " (ci) from "
                + home.resolve(".ssh/id_ecdsa.pub") + "\n");
        assertThat(cli.exitsZero("keys", "--json").out()).as("the next default is not tried")
                .contains("ecdsa-sha2-nistp256").doesNotContain("ssh-rsa");
    }

    @Test
    void addsListsAndRemovesKeysByFingerprintOrComment() throws Exception {
        Files.writeString(home.resolve("laptop.pub"), ED25519 + "\n");
        Files.writeString(home.resolve("ci.pub"), ECDSA + "\n");
        cli.exitsZero("keys:add", "laptop.pub");
        assertThat(cli.exitsZero("keys:add", "--json", home.resolve("ci.pub").toString()).out()).contains("\"fingerprint\":\"" + ECDSA_FINGERPRINT + "\"");

        String table = cli.exitsZero("keys").out();
        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table).startsWith("FINGERPRINT").contains(ED25519_FINGERPRINT + "  ssh-ed25519").contains("alice@laptop");
        assertThat(cli.exitsZero("keys", "--json").out()).startsWith("[{\"fingerprint\":\"" + ED25519_FINGERPRINT + "\"");

        assertThat(cli.exitsZero("keys:remove", ECDSA_FINGERPRINT).out()).isEqualTo("Removed SSH key " + ECDSA_FINGERPRINT + "\n");
        cli.exitsZero("keys:remove", "alice@laptop");
        assertThat(cli.exitsZero("keys").out()).contains("You have no SSH keys");
        CommandRunner.Result again = cli.run("keys:remove", "alice@laptop");
        assertThat(again.exit()).isEqualTo(CliFailure.EXIT_FAILURE);
        assertThat(again.err()).contains("You have no SSH key with the fingerprint or comment 'alice@laptop'");
    }

    @Test
    void refusesAMalformedKeyWithTheServersReasonAndNeverSendsAPrivateKey() throws Exception {
        Files.writeString(home.resolve("bad.pub"), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 me@host\n");
        CommandRunner.Result bad = cli.run("keys:add", "bad.pub");
        assertThat(bad.exit()).isEqualTo(CliFailure.EXIT_FAILURE);
        assertThat(bad.err()).startsWith("ferry: the ssh-ed25519 key is damaged");

        Files.writeString(home.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n-----END OPENSSH PRIVATE KEY-----\n");
        CommandRunner.Result secret = cli.run("keys:add", "id_ed25519");
        assertThat(secret.err()).contains("is a private key: give the public key, id_ed25519.pub");
        assertThat(api.store.events(dev.ferry.core.store.Page.FIRST).items()).noneMatch(e -> e.detail().contains("SSH"));
    }

    @Test
    void pointsTheFerryRemoteAtGitOverSsh() throws Exception {
        cli.exitsZero("apps:create", "hello");
        Process init = new ProcessBuilder("git", "init", "-q", home.toString()).redirectErrorStream(true).start();
        init.getInputStream().readAllBytes();
        assertThat(init.waitFor(30, TimeUnit.SECONDS)).isTrue();

        CommandRunner.Result added = cli.exitsZero("git:remote", "--ssh", "-a", "hello");

        String url = "ssh://git@127.0.0.1:" + RunningControlServer.SSH_PORT + "/hello.git";
        assertThat(added.out()).startsWith("Added git remote ferry -> " + url + "\n");
        Process get = new ProcessBuilder("git", "-C", home.toString(), "remote", "get-url", "ferry").start();
        assertThat(new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo(url);
        assertThat(get.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
