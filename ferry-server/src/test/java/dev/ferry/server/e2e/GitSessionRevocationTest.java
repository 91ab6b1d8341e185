package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.UserId;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open git session over SSH, the real ssh client running {@code git-upload-pack} as git does and waiting in the
 * middle of the exchange, is disconnected within 2 s of its user's access going: the collaborator removed, the
 * app destroyed, or the key that opened it removed. Sessions opened under access that stays (the owner's, another
 * key of the same user) go on.
 */
class GitSessionRevocationTest {

    private static final Duration CUT = Duration.ofSeconds(2);

    @RegisterExtension
    final PlatformExtension<Platform> started = PlatformExtension.starting(
            dir -> Platform.start(FerryConfig.ephemeral(dir).withSshPort(FerryConfig.EPHEMERAL)));

    @TempDir
    Path work;

    private Platform platform;
    private Cli admin;
    private NewUser bob;

    @BeforeEach
    void start() throws Exception {
        platform = started.get();
        admin = new Cli(platform.apiPort(), platform.adminToken().token(), work.resolve("admin-home"));
        assertThat(admin.run("apps:create", "hello").exit()).isZero();
        UserId adminId = platform.store().userByEmail("admin@localhost").orElseThrow().id();
        bob = platform.store().createUser("bob@example.com", false, adminId);
        platform.store().addCollaborator(AppName.of("hello"), "bob@example.com", adminId);
    }

    @Test
    void removingTheCollaboratorDisconnectsTheirSshSession() throws Exception {
        Path bobKey = keyOf(new Cli(platform.apiPort(), bob.firstToken().secret(), work.resolve("bob-home")), "bob");
        Path adminKey = keyOf(admin, "admin");
        Process bobs = uploadPack(bobKey, "hello");
        Process admins = uploadPack(adminKey, "hello");
        try {
            awaitAdvertisement(bobs);
            awaitAdvertisement(admins);

            long revokedAt = System.nanoTime();
            CommandRunner.Result removed = admin.run("access:remove", "bob@example.com", "-a", "hello");
            assertThat(removed.exit()).as(removed.err()).isZero();

            assertThat(bobs.waitFor(CUT.plusSeconds(3).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(CUT);
            assertThat(bobs.exitValue()).isNotZero();
            assertThat(admins.isAlive()).isTrue();
        } finally {
            bobs.destroyForcibly();
            admins.destroyForcibly();
        }
    }

    @Test
    void removingTheKeyDisconnectsTheSessionItOpened() throws Exception {
        Cli bobCli = new Cli(platform.apiPort(), bob.firstToken().secret(), work.resolve("bob-home"));
        Path laptop = keyOf(bobCli, "laptop");
        Path desktop = keyOf(bobCli, "desktop");
        Process withLaptop = uploadPack(laptop, "hello");
        Process withDesktop = uploadPack(desktop, "hello");
        try {
            awaitAdvertisement(withLaptop);
            awaitAdvertisement(withDesktop);

            long revokedAt = System.nanoTime();
            CommandRunner.Result removed = bobCli.run("keys:remove", "laptop");
            assertThat(removed.exit()).as(removed.err()).isZero();

            assertThat(withLaptop.waitFor(CUT.plusSeconds(3).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(CUT);
            assertThat(withDesktop.isAlive()).isTrue();
        } finally {
            withLaptop.destroyForcibly();
            withDesktop.destroyForcibly();
        }
    }

    @Test
    void destroyingTheAppDisconnectsItsSshSessions() throws Exception {
        Path adminKey = keyOf(admin, "admin");
        Process session = uploadPack(adminKey, "hello");
        try {
            awaitAdvertisement(session);

            long revokedAt = System.nanoTime();
            CommandRunner.Result destroyed = admin.run("apps:destroy", "hello", "--confirm", "hello");
            assertThat(destroyed.exit()).as(destroyed.err()).isZero();

            assertThat(session.waitFor(CUT.plusSeconds(3).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(CUT);
        } finally {
            session.destroyForcibly();
        }
    }

    /** A new Ed25519 key made by ssh-keygen and added by {@code cli}'s user with {@code keys:add}. */
    private Path keyOf(Cli cli, String name) throws Exception {
        Path key = Files.createDirectories(work.resolve("keys")).resolve(name);
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).isZero();
        CommandRunner.Result added = cli.run("keys:add", key + ".pub");
        assertThat(added.exit()).as(added.err()).isZero();
        return key;
    }

    /** The real ssh client running {@code git-upload-pack} on the app, its input left open as git leaves it. */
    private Process uploadPack(Path key, String app) throws Exception {
        return new ProcessBuilder(List.of("ssh", "-F", "/dev/null", "-i", key.toString(), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR", "-p", String.valueOf(platform.sshPort()), "git@127.0.0.1",
                "git-upload-pack '/" + app + ".git'")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Reads the first pkt-line of the ref advertisement: the session is open and waiting for the client. */
    private static void awaitAdvertisement(Process ssh) throws Exception {
        InputStream out = ssh.getInputStream();
        byte[] length = out.readNBytes(4);
        assertThat(length).as("the start of the ref advertisement").hasSize(4);
    }
}
