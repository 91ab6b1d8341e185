package dev.ferry.build.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.build.BuildConfig;
import dev.ferry.build.git.ReceivePacks;
import dev.ferry.build.queue.BuildQueue;
import dev.ferry.build.queue.MemoryBuildStore;
import dev.ferry.build.Builder;
import dev.ferry.build.git.AppRepositories;
import dev.ferry.core.build.KeyAccess;
import dev.ferry.core.build.PushAccess;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.SshPublicKey;
import dev.ferry.core.store.UserId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH side with SSHD's own client: keys, host key, refusals. Pushes with the real git are in ferry-server's e2e. */
class SshGitServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final UserId ALICE = new UserId(7);

    @TempDir
    Path data;

    private final KeyPair aliceKey = newKey();
    private final KeyPair strangerKey = newKey();
    private SshGitServer server;
    private SshClient client;

    /** Alice's key is registered; she has access to {@code hello}; {@code secret} exists but is not hers. */
    private final KeyAccess access = new KeyAccess() {
        @Override
        public Optional<UserId> userByKey(String fingerprint) {
            return Optional.ofNullable(Map.of(fingerprintOf(aliceKey), ALICE).get(fingerprint));
        }

        @Override
        public PushAccess.Decision decide(UserId user, String app) {
            return switch (app) {
                case "hello" -> new PushAccess.Allowed(user, AppName.of("hello"));
                case "secret" -> new PushAccess.Denied(PushAccess.Reason.FORBIDDEN, "You do not have access to the app secret.");
                default -> new PushAccess.Denied(PushAccess.Reason.UNKNOWN_APP, "There is no app named " + app + ".");
            };
        }
    };

    @BeforeEach
    void start() {
        server = startServer();
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> KeyAuthenticator.fingerprint(key).equals(server.hostKeyFingerprint()));
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.close();
    }

    private SshGitServer startServer() {
        BuildConfig build = BuildConfig.in(data);
        return new SshGitServer(SshGitConfig.inDataDir(data, "127.0.0.1", 0), access, new AppRepositories(build.reposDir()),
                receivePacks(build)).start();
    }

    /** Pushes are refused by these tests' keys before any build, so the queue never runs one. */
    private static ReceivePacks receivePacks(BuildConfig build) {
        return new ReceivePacks(new BuildQueue(build, new MemoryBuildStore(), (b, log) -> {
            throw new AssertionError("nothing is built here");
        }, (request, outcome, progress) -> {
            throw new AssertionError("nothing is released here");
        }));
    }

    private static KeyPair newKey() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String fingerprintOf(KeyPair key) {
        return SshPublicKey.parse(PublicKeyEntry.toString(key.getPublic())).fingerprint();
    }

    private ClientSession session(KeyPair key) throws Exception {
        ClientSession session = client.connect("git", "127.0.0.1", server.port()).verify(WAIT).getSession();
        session.addPublicKeyIdentity(key);
        session.auth().verify(WAIT);
        return session;
    }

    private record Exec(Integer exit, String out, String err) {
    }

    private Exec exec(KeyPair key, String command) throws Exception {
        try (ClientSession session = session(key); ClientChannel channel = session.createExecChannel(command)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(WAIT);
            channel.getInvertedIn().close();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
            return new Exec(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void findsTheUserByTheSameFingerprintAsTheStoreAndSshKeygen() {
        assertThat(KeyAuthenticator.fingerprint(aliceKey.getPublic())).isEqualTo(fingerprintOf(aliceKey)).startsWith("SHA256:");
    }

    @Test
    void acceptsOnlyRegisteredKeys() throws Exception {
        try (ClientSession session = session(aliceKey)) {
            assertThat(session.isAuthenticated()).isTrue();
        }
        assertThatThrownBy(() -> session(strangerKey).close()).hasMessageContaining("No more authentication methods");
    }

    @Test
    void refusesAnUnknownAppOrAnotherUsersAppWithGitsErrorPacket() throws Exception {
        Exec unknown = exec(aliceKey, "git-upload-pack '/nope.git'");
        assertThat(unknown.exit()).isEqualTo(1);
        String message = "ERR There is no app named nope.\n";
        assertThat(unknown.out()).isEqualTo(String.format("%04x", message.length() + 4) + message);

        Exec forbidden = exec(aliceKey, "git-receive-pack 'secret.git'");
        assertThat(forbidden.exit()).isEqualTo(1);
        assertThat(forbidden.out()).endsWith("ERR You do not have access to the app secret.\n");
        assertThat(data.resolve("repos")).doesNotExist();
    }

    @Test
    void advertisesTheRefsOfAnAppTheUserMayUse() throws Exception {
        Exec fetch = exec(aliceKey, "git-upload-pack '/hello.git'");
        assertThat(fetch.exit()).as(fetch.err()).isZero();
        assertThat(fetch.out()).as("an empty repository advertises capabilities only").contains("capabilities^{}");
        assertThat(data.resolve("repos/hello.git/HEAD")).isRegularFile();
    }

    @Test
    void refusesShellsAndOtherCommands() throws Exception {
        Exec ls = exec(aliceKey, "ls -la /");
        assertThat(ls.exit()).isEqualTo(1);
        assertThat(ls.err()).contains("Ferry serves only git over SSH").contains("'ls -la /' is not allowed");
        assertThat(ls.out()).isEmpty();
    }

    @Test
    void keepsItsHostKeyAcrossRestartsInAFileOnlyTheOwnerReads() throws Exception {
        Path keyFile = data.resolve(SshGitConfig.HOST_KEY_FILE);
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        String fingerprint = server.hostKeyFingerprint();
        byte[] before = Files.readAllBytes(keyFile);

        server.close();
        server = startServer();

        assertThat(server.hostKeyFingerprint()).isEqualTo(fingerprint);
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);
        try (ClientSession session = session(aliceKey)) {
            assertThat(KeyAuthenticator.fingerprint(session.getServerKey())).isEqualTo(fingerprint);
        }
    }

    @Test
    void refusesAHostKeyFileThatHoldsNoKey() throws Exception {
        Path other = Files.writeString(data.resolve("broken_key"), "not a key\n");
        SshGitServer broken = new SshGitServer(new SshGitConfig("127.0.0.1", 0, other), access,
                new AppRepositories(data.resolve("repos")), receivePacks(BuildConfig.in(data)));
        assertThatThrownBy(broken::start).hasMessageContaining(other.toString());
        broken.close();
    }
}
