package dev.ferry.build.git;

import dev.ferry.build.Builder;
import dev.ferry.core.build.PushAccess;
import dev.ferry.core.build.ReleaseSink;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * Makes the {@link ReceivePack} of one push: non-fast-forwards and deletions allowed, received objects
 * checked, the pack size limited, and a {@link DeployHook} building deploy branches.
 */
public final class ReceivePacks {

    private final Builder builder;
    private final ReleaseSink releases;

    public ReceivePacks(Builder builder, ReleaseSink releases) {
        this.builder = builder;
        this.releases = releases;
    }

    public ReceivePack create(Repository repo, PushAccess.Allowed pusher) {
        ReceivePack rp = new ReceivePack(repo);
        rp.setAllowNonFastForwards(true);
        rp.setAllowDeletes(true);
        rp.setCheckReceivedObjects(true);
        rp.setMaxPackSizeLimit(builder.config().maxPushBytes());
        DeployHook hook = new DeployHook(builder, releases, pusher);
        rp.setPreReceiveHook(hook);
        rp.setPostReceiveHook(hook);
        return rp;
    }
}
