package dev.ferry.build.ssh;

import dev.ferry.build.git.AppRepositories;
import dev.ferry.build.git.ReceivePacks;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.build.KeyAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/**
 * Git over SSH: {@code ssh://git@<host>:<port>/<app>.git} (also {@code <app>}, with or without a leading
 * {@code /}), served by Apache MINA SSHD on the configured address. Only public-key authentication is
 * offered: the key must be registered by a user ({@link KeyAccess#userByKey}), who then needs access to the
 * app ({@link KeyAccess#decide}, the rules of git over HTTP). {@code git-receive-pack} runs the same
 * {@link ReceivePacks} hooks as git over HTTP, so pushes to {@code main}/{@code master} are built and
 * released alike; {@code git-upload-pack} serves fetch and clone; shells, other commands and port
 * forwarding are refused. The host key lives in {@link SshGitConfig#hostKeyFile()}.
 *
 * <p>Lifecycle: construct, {@link #start()}, {@link #close()}. Not restartable. Each git command runs on
 * its own thread.
 */
public final class SshGitServer implements AutoCloseable {

    private final SshGitConfig config;
    private final SshServer sshd;
    private KeyPair hostKey;

    /**
     * @param access   who a key belongs to and who may use which app's repository
     * @param repos    the apps' bare repositories, shared with git over HTTP
     * @param builder  builds pushes to {@code main} and {@code master}
     * @param releases turns successful builds into releases
     */
    public SshGitServer(SshGitConfig config, KeyAccess access, AppRepositories repos, ReceivePacks receivePacks) {
        this(config, access, repos, receivePacks, SessionRegistry.NONE, AuthFailureLimiter.unlimited());
    }

    /**
     * @param sessions where each git command registers while it runs, so that removing the user's access or
     *     destroying the app closes its SSH session
     * @param failures counts sessions that offered only unknown keys per client address and disconnects an address
     *     over its limit
     */
    public SshGitServer(SshGitConfig config, KeyAccess access, AppRepositories repos, ReceivePacks receivePacks,
                        SessionRegistry sessions, AuthFailureLimiter failures) {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(failures, "failures");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(repos, "repos");
        this.sshd = SshServer.setUpDefaultServer();
        sshd.setHost(config.bindAddress());
        sshd.setPort(config.port());
        sshd.setUserAuthFactories(List.of(new UserAuthPublicKeyFactory()));
        KeyAuthenticator keys = new KeyAuthenticator(access, failures);
        sshd.setPublickeyAuthenticator(keys);
        sshd.addSessionListener(keys);
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setHostBasedAuthenticator(null);
        sshd.setGSSAuthenticator(null);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setCommandFactory(new GitCommandFactory(access, repos, receivePacks, sessions));
        sshd.setShellFactory(channel -> new RefusedCommand(GitCommandFactory.ONLY_GIT + ", not shells."));
    }

    /**
     * Reads or makes the host key and starts listening.
     *
     * @throws UncheckedIOException when the host key cannot be read or made, or the address cannot be bound
     */
    public SshGitServer start() {
        String where = config.bindAddress() + ":" + config.port();
        try {
            hostKey = HostKeyFile.loadOrCreate(config.hostKeyFile());
            sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            sshd.start();
        } catch (BindException e) {
            throw new UncheckedIOException("git over SSH cannot listen on " + where
                    + ": the port is already in use (choose another with --ssh-port, or 0 to turn it off)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("git over SSH failed to start on " + where + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The port listened on (useful when the configured port is 0); only after {@link #start()}. */
    public int port() {
        for (SocketAddress a : sshd.getBoundAddresses()) {
            if (a instanceof InetSocketAddress inet) {
                return inet.getPort();
            }
        }
        throw new IllegalStateException("git over SSH is not listening");
    }

    /** The host key's fingerprint ({@code SHA256:...}), for users to check what ssh shows on first connect. */
    public String hostKeyFingerprint() {
        if (hostKey == null) {
            throw new IllegalStateException("git over SSH has not started");
        }
        return KeyAuthenticator.fingerprint(hostKey.getPublic());
    }

    /** Stops listening and closes open sessions at once; pushes in flight are cut. */
    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
