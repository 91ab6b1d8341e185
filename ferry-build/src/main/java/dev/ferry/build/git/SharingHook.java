package dev.ferry.build.git;

import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.store.AppName;
import java.io.IOException;
import java.util.Collection;
import org.eclipse.jgit.transport.PostReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post-receive hook that shares an app's repository with the other control nodes once a push moved any of its
 * refs ({@link AppRepositories#share}), still under the push's repository lock and before the pusher's connection
 * ends. A failure to share is logged and told to the pusher: what was deployed stays deployed, but the next push
 * through another node starts from the last shared copy. Threading: one instance per push.
 */
final class SharingHook implements PostReceiveHook {

    private static final Logger log = LoggerFactory.getLogger(SharingHook.class);

    private final AppRepositories repos;
    private final AppName app;

    SharingHook(AppRepositories repos, AppName app) {
        this.repos = repos;
        this.app = app;
    }

    @Override
    public void onPostReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        if (commands.isEmpty()) {
            return; // no ref moved
        }
        try {
            repos.share(app, rp.getRepository());
        } catch (IOException | RuntimeException e) {
            log.warn("cannot share the repository of {} with the other control nodes", app, e);
            rp.sendMessage(" !     This push was not shared with the other control nodes: " + FailureReasons.of(e));
        }
    }
}
