package dev.ferry.server.build;

import dev.ferry.build.BuildConfig;
import dev.ferry.build.Builder;
import dev.ferry.core.build.BuildLogArchive;
import dev.ferry.core.build.RepositoryArchive;
import dev.ferry.build.buildpack.Buildpacks;
import dev.ferry.build.slug.SlugStore;
import dev.ferry.build.git.AppRepositories;
import dev.ferry.build.git.GitHttpEndpoint;
import dev.ferry.build.git.ReceivePacks;
import dev.ferry.build.git.RepositoryBuildRunner;
import dev.ferry.build.queue.BuildQueue;
import dev.ferry.build.ssh.SshGitConfig;
import dev.ferry.build.ssh.SshGitServer;
import dev.ferry.control.MountedServlet;
import dev.ferry.control.keys.KeysApi;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.access.AccessChanges;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.build.BuildSandbox;
import dev.ferry.core.store.Store;
import dev.ferry.server.config.FerryConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The git side of the platform, wired once and shared by git over HTTP and SSH: repositories, builds, kept build
 * output and slugs in the data dir, the build queue (which takes up the builds a previous run left unfinished
 * before any push is accepted) releasing through the {@link Deployments}, and git over SSH on its port with the
 * host key {@code <data-dir>/ssh_host_ed25519_key}. {@link #close()} stops SSH, then the queue.
 */
public final class GitWiring implements AutoCloseable {

    private final BuildQueue queue;
    private final AppRepositories repos;
    private final Optional<SshGitServer> ssh;
    private final Store store;

    private final SessionRegistry sessions;
    private final AuthFailureLimiter failures;

    private GitWiring(BuildQueue queue, AppRepositories repos, Optional<SshGitServer> ssh, Store store,
                      SessionRegistry sessions, AuthFailureLimiter failures) {
        this.sessions = sessions;
        this.failures = failures;
        this.queue = queue;
        this.repos = repos;
        this.ssh = ssh;
        this.store = store;
    }

    /** The build side's settings from the platform's: where it keeps repositories, caches and slugs, and its limits. */
    public static BuildConfig buildConfig(FerryConfig config, Path dataDir) {
        return BuildConfig.in(dataDir).withMaxPushBytes(config.maxPushBytes())
                .withMaxSourceBytes(config.maxSourceBytes()).withMaxConcurrentBuilds(config.maxBuilds())
                .withTimeout(config.buildTimeout());
    }

    /**
     * Starts the queue and, when {@code sshPort} is not 0, SSH; on failure stops what had started and rethrows.
     *
     * @param sshPort the port to listen on, 0 for an ephemeral one, or {@code null} for off
     * @param sessions where git commands over SSH and requests over HTTP register while they run
     * @param failures counts failed authentications over SSH and HTTP per client address
     * @param buildSandbox where builds run their commands (the runtime's sandbox when it has one)
     * @param slugs where builds put their slugs
     * @param sharedLogs where finished builds' output goes for the other control nodes, when there are several
     * @param sharedRepos where the apps' repositories are shared with the other control nodes, or
     *                    {@link RepositoryArchive#NONE}
     */
    public static GitWiring start(Path dataDir, BuildConfig buildConfig, Store store, Deployments deployments,
                                  String bindAddress, Integer sshPort, SessionRegistry sessions, AuthFailureLimiter failures,
                                  BuildSandbox buildSandbox, SlugStore slugs, Optional<BuildLogArchive> sharedLogs,
                                  RepositoryArchive sharedRepos) {
        Builder builder = new Builder(buildConfig, Buildpacks.defaults(), slugs, buildSandbox);
        builder.removeLeftoverWorkDirs();
        AppRepositories repos = new AppRepositories(buildConfig.reposDir(), sharedRepos);
        BuildQueue queue = new BuildQueue(buildConfig, store, new RepositoryBuildRunner(builder, repos),
                new StoreReleaseSink(store, deployments), sharedLogs);
        try {
            queue.recover();
            Optional<SshGitServer> ssh = sshPort == null ? Optional.empty()
                    : Optional.of(new SshGitServer(SshGitConfig.inDataDir(dataDir, bindAddress, sshPort),
                            new StorePushAccess(store, store), repos, new ReceivePacks(queue, repos), sessions, failures).start());
            return new GitWiring(queue, repos, ssh, store, sessions, failures);
        } catch (RuntimeException | Error e) {
            queue.close();
            throw e;
        }
    }

    /** The build queue, for the builds API and for tests. */
    public BuildQueue queue() {
        return queue;
    }

    /** Git over HTTP at {@code /git/<app>.git}, for the control API's Jetty. */
    public MountedServlet httpServlet() {
        return new MountedServlet("/git/*", new GitHttpEndpoint(new StorePushAccess(store, store), repos, queue, sessions, failures));
    }

    /** Users' SSH keys, and where git over SSH listens; each removed key is announced to {@code changes}. */
    public KeysApi keysApi(AccessChanges changes) {
        return new KeysApi(store, ssh.map(s -> new KeysApi.SshEndpoint(s.port(), s.hostKeyFingerprint())), changes);
    }

    /** The port of git over SSH, or -1 when it is off. */
    public int sshPort() {
        return ssh.map(SshGitServer::port).orElse(-1);
    }

    @Override
    public void close() throws IOException {
        try {
            if (ssh.isPresent()) {
                ssh.get().close();
            }
        } finally {
            queue.close();
        }
    }
}
