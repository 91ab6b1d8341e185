package dev.ferry.build.queue;

import dev.ferry.core.store.AppName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which waiting builds may start: first come first served among the apps that have no build running, one
 * build per app, at most {@code maxRunning} at once. Holds no threads; the {@link BuildQueue} starts what
 * {@link #startable()} hands out and reports each end with {@link #done}. Thread-safe (one monitor).
 *
 * @param <J> the queue's job
 */
final class BuildSchedule<J> {

    private record Entry<J>(J job, AppName app) {
    }

    private final int maxRunning;
    private final ArrayDeque<Entry<J>> waiting = new ArrayDeque<>();
    private final Set<AppName> busyApps = new HashSet<>();
    private int running;
    private boolean closed;

    BuildSchedule(int maxRunning) {
        if (maxRunning < 1) {
            throw new IllegalArgumentException("at least one build must be able to run: " + maxRunning);
        }
        this.maxRunning = maxRunning;
    }

    /**
     * Adds a job behind the others. When it cannot start at once, {@code waitNote} gets a sentence saying what
     * it waits for, before any other thread can start it (so the note comes before the build's output).
     *
     * @return false when the schedule is closed; the job is not added then
     */
    synchronized boolean add(J job, AppName app, Consumer<String> waitNote) {
        if (closed) {
            return false;
        }
        boolean sameAppAhead = busyApps.contains(app) || waiting.stream().anyMatch(e -> e.app().equals(app));
        int ahead = waiting.size() + running;
        waiting.addLast(new Entry<>(job, app));
        if (sameAppAhead) {
            waitNote.accept("Waiting for the build of " + app + " ahead of this one");
        } else if (running >= maxRunning) {
            waitNote.accept("Waiting: " + ahead + " build" + (ahead == 1 ? "" : "s") + " ahead of this one");
        }
        return true;
    }

    /** The jobs to start now, oldest first; each one's app counts as busy until {@link #done}. */
    synchronized List<J> startable() {
        List<J> start = new ArrayList<>();
        Iterator<Entry<J>> it = waiting.iterator();
        while (!closed && running < maxRunning && it.hasNext()) {
            Entry<J> e = it.next();
            if (busyApps.contains(e.app())) {
                continue;
            }
            it.remove();
            busyApps.add(e.app());
            running++;
            start.add(e.job());
        }
        return start;
    }

    /** A job of {@code app} handed out by {@link #startable()} has ended. */
    synchronized void done(AppName app) {
        if (busyApps.remove(app)) {
            running--;
        }
    }

    /** Stops handing out jobs; returns the ones still waiting, oldest first. */
    synchronized List<J> close() {
        closed = true;
        List<J> left = waiting.stream().map(Entry::job).toList();
        waiting.clear();
        return left;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
