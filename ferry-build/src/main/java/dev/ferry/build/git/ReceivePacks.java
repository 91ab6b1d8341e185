package dev.ferry.build.git;

import dev.ferry.build.queue.BuildQueue;
import dev.ferry.core.build.PushAccess;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * Makes the {@link ReceivePack} of one push, over HTTP or SSH: non-fast-forwards and deletions allowed,
 * received objects checked, the pack size limited to {@link dev.ferry.build.BuildConfig#maxPushBytes()}
 * ({@link SizeLimitedReceivePack}), and a
 * {@link DeployHook} building and deploying deploy branches through the {@link BuildQueue} before their refs move.
 */
public final class ReceivePacks {

    private final BuildQueue queue;

    public ReceivePacks(BuildQueue queue) {
        this.queue = queue;
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
        return rp;
    }
}
