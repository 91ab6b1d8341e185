package dev.ferry.runtime.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process with everything it started: SIGTERM to the process and its descendants, then SIGKILL to
 * whatever still runs after the grace. Descendants matter because a sandboxed app runs below bubblewrap and a
 * shell, which do not forward signals.
 */
public final class ProcessTree {

    private ProcessTree() {
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; returns once the root has exited (or after 5 s more). */
    public static void stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> all = withDescendants(root);
        // bubblewrap's processes are left out: when the sandbox's init dies, the kernel SIGKILLs every
        // process in its PID namespace, which would cut the app's graceful shutdown short. It exits by
        // itself once its child has. For the same reason the sandbox's main process (often the `sh -c` that
        // runs the app) is signalled only after the others have exited, or after half the grace.
        List<ProcessHandle> app = all.stream().filter(p -> !isBubblewrap(p)).toList();
        List<ProcessHandle> mains = app.stream().filter(p -> p.equals(root)
                || p.parent().map(ProcessTree::isBubblewrap).orElse(false)).toList();
        List<ProcessHandle> others = app.stream().filter(p -> !mains.contains(p)).toList();
        long deadline = System.nanoTime() + grace.toNanos();
        if (!others.isEmpty()) {
            others.forEach(ProcessHandle::destroy);
            waitForExit(others, root, System.nanoTime() + grace.toNanos() / 2);
        }
        mains.forEach(ProcessHandle::destroy);
        waitForExit(app, root, deadline);
        // the sandbox may need a moment to notice its child has gone
        long settle = System.nanoTime() + 500_000_000L;
        while (root.isAlive() && System.nanoTime() < settle) {
            sleep(20);
        }
        kill(root);
        try {
            root.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // still running after SIGKILL (uninterruptible sleep): nothing more can be done from here
        }
    }

    private static void waitForExit(List<ProcessHandle> processes, ProcessHandle root, long deadline) {
        while (System.nanoTime() < deadline && root.isAlive() && processes.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private static boolean isBubblewrap(ProcessHandle p) {
        return p.info().command().map(c -> c.equals("bwrap") || c.endsWith("/bwrap")).orElse(false);
    }

    /** SIGKILL to the process and every descendant, at once. */
    public static void kill(ProcessHandle root) {
        for (ProcessHandle p : withDescendants(root)) {
            p.destroyForcibly();
        }
    }

    private static List<ProcessHandle> withDescendants(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
