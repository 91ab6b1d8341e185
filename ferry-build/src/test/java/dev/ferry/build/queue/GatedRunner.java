package dev.ferry.build.queue;

import dev.ferry.build.BuildFailed;
import dev.ferry.build.BuildLog;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.store.Build;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake {@link BuildRunner}: each build writes a line, then waits until the test lets its commit finish
 * (at most 30 s); a commit ending in {@code f} fails. Records which builds started and which run now.
 */
final class GatedRunner implements BuildRunner {

    static final String SLUG = "a".repeat(64);

    final List<String> started = new CopyOnWriteArrayList<>();
    final List<String> running = new CopyOnWriteArrayList<>();
    final List<String> movedBranches = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    volatile int mostAtOnce;

    @Override
    public BuildOutcome build(Build build, BuildLog log) throws BuildFailed, InterruptedException {
        String commit = build.commit();
        started.add(commit);
        running.add(commit);
        synchronized (this) {
            mostAtOnce = Math.max(mostAtOnce, running.size());
        }
        try {
            log.detail("building " + build.shortCommit());
            if (!gate(commit).await(30, TimeUnit.SECONDS)) {
                throw new BuildFailed("the test never let " + build.shortCommit() + " finish");
            }
            log.detail("built " + build.shortCommit());
            if (commit.endsWith("f")) {
                throw new BuildFailed("no buildpack detected");
            }
            return new BuildOutcome(SLUG, Map.of("web", "./server"), "Procfile");
        } finally {
            running.remove(commit);
        }
    }

    @Override
    public void moveBranch(Build build) {
        movedBranches.add(build.branch() + "=" + build.commit());
    }

    /** Lets the build of {@code commit} finish. */
    void finish(String commit) {
        gate(commit).countDown();
    }

    private CountDownLatch gate(String commit) {
        return gates.computeIfAbsent(commit, c -> new CountDownLatch(1));
    }
}
