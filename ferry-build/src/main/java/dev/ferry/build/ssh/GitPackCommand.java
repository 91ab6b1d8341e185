package dev.ferry.build.ssh;

import dev.ferry.build.git.AppRepositories;
import dev.ferry.build.git.PushRevocation;
import dev.ferry.build.git.ReceivePacks;
import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.access.SessionGrant;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.build.KeyAccess;
import dev.ferry.core.build.PushAccess;
import dev.ferry.core.store.UserId;
import dev.ferry.core.work.AppLocks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.session.ServerSession;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code git-upload-pack} or {@code git-receive-pack} over an SSH channel: the session's user is checked
 * against the app with {@link KeyAccess#decide}; a refusal is sent as git's {@code ERR} packet, which the
 * client prints as {@code fatal: remote error: <sentence>}. Pushes go through {@link ReceivePacks}, the same
 * hooks as over HTTP, so the build's lines reach the pusher as {@code remote:} lines. While it runs the command is
 * registered in the {@link SessionRegistry}: removing the user's access, destroying the app or removing the key
 * closes the SSH session, and a push not yet released is refused before its refs move.
 *
 * <p>Threading: runs on its own thread (SSHD's command executor), one per channel.
 */
final class GitPackCommand extends AbstractCommandSupport {

    private static final Logger log = LoggerFactory.getLogger(GitPackCommand.class);
    private static final AppLocks.Held NOT_A_PUSH = () -> { };

    private final GitCommandLine line;
    private final KeyAccess access;
    private final AppRepositories repos;
    private final ReceivePacks receivePacks;

    private final SessionRegistry sessions;

    GitPackCommand(String command, GitCommandLine line, KeyAccess access, AppRepositories repos, ReceivePacks receivePacks,
                   SessionRegistry sessions) {
        super(command, null);
        this.sessions = sessions;
        this.line = line;
        this.access = access;
        this.repos = repos;
        this.receivePacks = receivePacks;
    }

    @Override
    public void run() {
        try {
            Optional<UserId> user = KeyAuthenticator.user(getServerSession());
            PushAccess.Decision decision = user.isPresent() ? access.decide(user.get(), line.app())
                    : new PushAccess.Denied(PushAccess.Reason.UNAUTHENTICATED, "Unknown SSH key: add it with ferry keys:add.");
            switch (decision) {
                case PushAccess.Denied denied -> {
                    refuse(denied.message());
                    onExit(1, denied.message());
                }
                case PushAccess.Allowed allowed -> {
                    serve(allowed);
                    onExit(0);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("git over SSH ({}) failed", getCommand(), e);
            onExit(1, FailureReasons.of(e));
        }
    }

    /**
     * Registers this command with the user, key and app it was allowed for, rechecked by asking whether the key
     * still belongs to the user and the user still has access; when that goes the whole SSH session is closed.
     */
    private SessionRegistry.Registration register(PushAccess.Allowed allowed, PushRevocation revocation) {
        ServerSession ssh = getServerSession();
        String key = ssh.getAttribute(KeyAuthenticator.KEY);
        String client = KeyAuthenticator.client(ssh).orElse("unknown");
        return sessions.open(new SessionGrant(allowed.user(), allowed.app(), "git over SSH", client),
                () -> key != null && access.userByKey(key).filter(allowed.user()::equals).isPresent()
                        && access.decide(allowed.user(), line.app()) instanceof PushAccess.Allowed,
                reason -> {
                    revocation.revoke(reason);
                    ssh.close(true);
                });
    }

    private void serve(PushAccess.Allowed allowed) throws IOException {
        boolean push = line.service() == GitCommandLine.Service.RECEIVE_PACK;
        try (AppLocks.Held held = push ? repos.lockForPush(allowed.app()) : NOT_A_PUSH) {
            serveLocked(allowed);
        }
    }

    /** Serves the command once a push holds its app's repository across control nodes (decision 035). */
    private void serveLocked(PushAccess.Allowed allowed) throws IOException {
        repos.ensure(allowed.app());
        PushRevocation revocation = new PushRevocation().servedBy(Thread.currentThread());
        try (Repository repo = repos.open(allowed.app()); var session = register(allowed, revocation)) {
            OutputStream out = getOutputStream();
            if (line.service() == GitCommandLine.Service.RECEIVE_PACK) {
                ReceivePack rp = receivePacks.create(repo, allowed, revocation);
                rp.receive(getInputStream(), out, getErrorStream());
            } else {
                UploadPack up = new UploadPack(repo);
                String protocol = getEnvironment().getEnv().get("GIT_PROTOCOL");
                if (protocol != null) {
                    up.setExtraParameters(Arrays.asList(protocol.split(":")));
                }
                up.upload(getInputStream(), out, getErrorStream());
            }
            out.flush();
        } finally {
            revocation.done();
        }
    }

    /** Sends {@code ERR <message>} as git's first packet, which ends the client with that sentence. */
    private void refuse(String message) throws IOException {
        byte[] payload = ("ERR " + message + "\n").getBytes(StandardCharsets.UTF_8);
        OutputStream out = getOutputStream();
        out.write(String.format("%04x", payload.length + 4).getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
    }
}
