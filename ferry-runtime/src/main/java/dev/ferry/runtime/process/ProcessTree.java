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
        // the app itself first, its wrappers last: a wrapper that dies first would SIGKILL the app with it
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
        kill(root);
        try {
            root.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // still running after SIGKILL (uninterruptible sleep): nothing more can be done from here
        }
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
