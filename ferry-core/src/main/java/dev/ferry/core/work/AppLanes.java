package dev.ferry.core.work;

import dev.ferry.core.store.AppName;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
        return enqueue(app, task).result;
    }

    /**
     * Runs {@code task} in {@code app}'s lane and waits for it; rethrows what it threw. When the caller is
     * interrupted while it waits, the task is interrupted too (at once when it runs, or from its start), as if
     * the caller ran it, and the caller still gets its outcome, with its own interrupt status kept.
     */
    public <T> T call(AppName app, Supplier<T> task) {
        Task<T> t = enqueue(app, task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return t.result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    t.interrupt();
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> Task<T> enqueue(AppName app, Supplier<T> task) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(task, "task");
        Task<T> t = new Task<>(task);
        if (closed) {
            t.result.completeExceptionally(new IllegalStateException("Ferry is stopping"));
            return t;
        }
        if (HELD.get().contains(app)) {
            t.run(app);
            return t;
        }
        tails.compute(app, (a, previous) -> {
            CompletableFuture<?> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
            CompletableFuture<T> next = before.handle((r, e) -> null).thenComposeAsync(ignored -> {
                t.run(app);
                return t.result;
            }, threads);
            next.whenComplete((r, e) -> tails.remove(app, next));
            return next;
        });
        return t;
    }

    /** One task: its result and, while it runs, its thread (to pass on its caller's interrupt). */
    private static final class Task<T> {
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final Supplier<T> body;
        private Thread runner;
        private boolean interruptRequested;

        Task(Supplier<T> body) {
            this.body = body;
        }

        void run(AppName app) {
            boolean nested = HELD.get().contains(app);
            synchronized (this) {
                runner = Thread.currentThread();
                if (interruptRequested && !nested) {
                    runner.interrupt();
                }
            }
            HELD.get().add(app);
            try {
                result.complete(body.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                if (!nested) {
                    HELD.get().remove(app);
                }
                synchronized (this) {
                    runner = null;
                    if (!nested) {
                        Thread.interrupted(); // the lane's thread ends here; never carry an interrupt further
                    }
                }
            }
        }

        synchronized void interrupt() {
            interruptRequested = true;
            if (runner != null) {
                runner.interrupt();
            }
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
