package dev.ferry.build.git;

import dev.ferry.build.queue.BuildQueue;
import dev.ferry.core.build.PushAccess;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * Makes the {@link ReceivePack} of one push, over HTTP or SSH: non-fast-forwards and deletions allowed,
 * received objects checked, the pack size limited to {@link dev.ferry.build.BuildConfig#maxPushBytes()}
 * ({@link SizeLimitedReceivePack}), and a
 * {@link DeployHook} building and deploying deploy branches through the {@link BuildQueue} before their refs move.
 * With {@link AppRepositories} that share repositories across control nodes, the repository is shared once its refs
 * moved ({@link SharingHook}).
 */
public final class ReceivePacks {

    private final BuildQueue queue;
    private final Optional<AppRepositories> repos;

    /** Pushes to repositories of this node alone. */
    public ReceivePacks(BuildQueue queue) {
        this.queue = queue;
        this.repos = Optional.empty();
    }

    /** Pushes whose repositories {@code repos} shares with other control nodes after their refs moved. */
    public ReceivePacks(BuildQueue queue, AppRepositories repos) {
        this.queue = queue;
        this.repos = Optional.of(repos);
    }

    public ReceivePack create(Repository repo, PushAccess.Allowed pusher) {
        return create(repo, pusher, new PushRevocation());
    }

    /** @param revocation set when the pusher's access goes during the push, which then refuses every ref */
    public ReceivePack create(Repository repo, PushAccess.Allowed pusher, PushRevocation revocation) {
        ReceivePack rp = new SizeLimitedReceivePack(repo, queue.config().maxPushBytes());
        rp.setAllowNonFastForwards(true);
        rp.setAllowDeletes(true);
        rp.setCheckReceivedObjects(true);
        rp.setPreReceiveHook(new DeployHook(queue, pusher, revocation));
        repos.ifPresent(r -> rp.setPostReceiveHook(new SharingHook(r, pusher.app())));
        return rp;
    }
}
