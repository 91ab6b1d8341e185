package dev.ferry.core.work;

import dev.ferry.core.store.AppName;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The one place that serialises work per app: each app has a lane, and the tasks of one lane run one at a
 * time in the order they were given, each on a virtual thread of its own, while lanes of different apps run in
 * parallel. The control plane's reconciler runs every change of an app's runtime in its lane (a deploy, a
 * scale, a restart, a stop, a periodic check), so nothing else needs a lock per app.
 *
 * <p>A task given from inside its own app's lane runs at once on the caller's thread (a lane never waits for
 * itself). After {@link #close}, new tasks are refused; the tasks already given still run.
 */
public final class AppLanes implements AutoCloseable {

    private static final ThreadLocal<Set<AppName>> HELD = ThreadLocal.withInitial(HashSet::new);

    private final Executor threads;
    private final Map<AppName, CompletableFuture<?>> tails = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param name the prefix of the lanes' thread names, e.g. {@code ferry-reconcile-} */
    public AppLanes(String name) {
        ThreadFactory factory = Thread.ofVirtual().name(name, 1).factory();
        this.threads = task -> factory.newThread(task).start();
    }

    /**
     * Queues {@code task} behind the tasks already given for {@code app}.
     *
     * @return completes with the task's result, or exceptionally with what it threw or when the lanes are closed
     */
    public <T> CompletableFuture<T> submit(AppName app, Supplier<T> task) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(task, "task");
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("Ferry is stopping"));
        }
        if (HELD.get().contains(app)) {
            try {
                return CompletableFuture.completedFuture(task.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        tails.compute(app, (a, previous) -> {
            CompletableFuture<?> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
            CompletableFuture<T> next = before.handle((r, e) -> null).thenComposeAsync(ignored -> {
                HELD.get().add(app);
                try {
                    result.complete(task.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                } finally {
                    HELD.get().remove(app);
                }
                return result;
            }, threads);
            next.whenComplete((r, e) -> tails.remove(app, next));
            return next;
        });
        return result;
    }

    /** Runs {@code task} in {@code app}'s lane and waits for it; rethrows what it threw. */
    public <T> T call(AppName app, Supplier<T> task) {
        try {
            return submit(app, task).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** True when a task of {@code app} runs or waits. */
    public boolean busy(AppName app) {
        return tails.containsKey(app);
    }

    /** Refuses new tasks; those already given still run. */
    @Override
    public void close() {
        closed = true;
    }
}
