package dev.ferry.build.git;

import dev.ferry.build.BuildFailed;
import dev.ferry.build.BuildLog;
import dev.ferry.build.queue.BuildQueue;
import dev.ferry.build.queue.BuildTicket;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.build.PushAccess;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-receive hook of one push, where the whole deploy runs, as in Dokku: before the refs move, each update
 * of {@code main} or {@code master} is queued in the {@link BuildQueue} and waited for, then released and rolled
 * out ({@link BuildQueue#release}: release phase, health-gated start, switch) while the pusher watches the output.
 * The ref moves only when its release went live. A failed build refuses the ref
 * ({@code ! [remote rejected] main -> main (build failed)}) and nothing is released; a failed release phase or
 * rollout refuses it ({@code (deploy failed)}) with the previous release still serving, so {@code git push}
 * exits non-zero either way and the last {@code remote:} lines say why. Other branches are kept and not built;
 * deletions are allowed. When the pusher's access is revoked during the push ({@link PushRevocation}), every
 * ref not yet released is refused ({@code access revoked}) and nothing more is released.
 *
 * <p>Threading: one instance per push, called on the thread serving it.
 */
final class DeployHook implements PreReceiveHook {

    private static final Logger log = LoggerFactory.getLogger(DeployHook.class);
    static final Set<String> DEPLOY_BRANCHES = Set.of("main", "master");

    private final BuildQueue queue;
    private final PushAccess.Allowed pusher;
    private final PushRevocation revocation;

    DeployHook(BuildQueue queue, PushAccess.Allowed pusher, PushRevocation revocation) {
        this.queue = queue;
        this.pusher = pusher;
        this.revocation = revocation;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        BuildLog out = output(rp);
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED && revocation.reason().isPresent()) {
                refuseRevoked(out, cmd);
                continue;
            }
            if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED || cmd.getType() == ReceiveCommand.Type.DELETE
                    || !cmd.getRefName().startsWith("refs/heads/")) {
                continue;
            }
            String branch = Repository.shortenRefName(cmd.getRefName());
            if (!DEPLOY_BRANCHES.contains(branch)) {
                out.line("Branch " + branch + " kept; only pushes to main or master are deployed.");
                continue;
            }
            BuildRequest request = new BuildRequest(pusher.app(), cmd.getNewId().name(), branch, pusher.user());
            try {
                BuildTicket ticket = queue.submit(request, out);
                BuildOutcome outcome = ticket.await();
                if (revocation.reason().isPresent()) {
                    refuseRevoked(out, cmd); // built, but not released for a pusher who lost access
                    continue;
                }
                deploy(out, cmd, ticket, outcome);
            } catch (BuildFailed e) {
                // the queue has written the reason to the build's output
                out.line(" !     Push rejected, failed to build " + pusher.app().value());
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "build failed");
            } catch (InterruptedException e) {
                if (revocation.reason().isPresent()) {
                    refuseRevoked(out, cmd); // the revocation's own interrupt, consumed: the refusal still reaches git
                    continue;
                }
                Thread.currentThread().interrupt();
                out.line(" !     Push rejected: Ferry is stopping");
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "build failed");
            } catch (RuntimeException e) {
                log.warn("build of {} {} failed", pusher.app().value(), request.shortCommit(), e);
                out.line(" !     Push rejected: " + FailureReasons.of(e));
                cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "build failed");
            }
        }
        refuseAllIfRevoked(out, commands);
    }

    /**
     * Releases and rolls out one built ref; the ref is refused unless its release went live. The reason of a
     * failed deploy has just been written by the release sink ({@code Deploy failed: ...; v3 keeps running}).
     */
    private void deploy(BuildLog out, ReceiveCommand cmd, BuildTicket ticket, BuildOutcome outcome) {
        Optional<Release> release = queue.release(ticket, outcome, out);
        if (release.isPresent() && release.get().status() == ReleaseStatus.SUCCEEDED) {
            return; // left NOT_ATTEMPTED: JGit moves the ref once every hook has run
        }
        out.line(" !     Push rejected, failed to deploy " + pusher.app().value()
                + release.map(r -> " " + r.label()).orElse(""));
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "deploy failed");
    }

    /**
     * The last look before the refs move: a push whose access was revoked meanwhile is refused whole (what it
     * already released stays released).
     */
    private void refuseAllIfRevoked(BuildLog out, Collection<ReceiveCommand> commands) {
        if (revocation.reason().isEmpty()) {
            return;
        }
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                refuseRevoked(out, cmd);
            }
        }
    }

    private void refuseRevoked(BuildLog out, ReceiveCommand cmd) {
        out.line(" !     Push rejected: " + revocation.reason().orElse("access was revoked"));
        cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "access revoked");
    }

    /** Sends each line at once as a side-band message (shown by git as {@code remote: ...}). */
    private static BuildLog output(ReceivePack rp) {
        return new BuildLog() {
            @Override
            public synchronized void line(String text) {
                rp.sendMessage(text);
                try {
                    rp.getMessageOutputStream().flush();
                } catch (IOException e) {
                    // the pusher went away; the build goes on and its result is still stored
                }
            }
        };
    }
}
