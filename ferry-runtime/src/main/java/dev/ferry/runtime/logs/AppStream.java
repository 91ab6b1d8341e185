package dev.ferry.runtime.logs;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One app's stream in memory: the last lines within the {@link LogBounds} and the followers. Every method
 * holds this object's lock briefly; nothing here blocks on I/O or on a follower.
 */
final class AppStream {

    private final AppName app;
    private final LogBounds bounds;
    private final SegmentWriter writer;
    private final ArrayDeque<LogLine> tail = new ArrayDeque<>();
    private final List<Follower> followers = new ArrayList<>();
    private long bytes;

    AppStream(AppName app, LogBounds bounds, SegmentWriter writer) {
        this.app = app;
        this.bounds = bounds;
        this.writer = writer;
    }

    /** Adds a line read back from disk: kept, not written again nor delivered. */
    synchronized void restore(LogLine line) {
        keep(line);
    }

    synchronized void add(LogLine line) {
        keep(line);
        // Under the lock, so that the file gets the lines in the order of the tail.
        writer.append(line);
        for (Follower f : followers) {
            f.offer(line);
        }
    }

    private void keep(LogLine line) {
        tail.addLast(line);
        bytes += sizeOf(line);
        while (tail.size() > bounds.maxLines() || (bytes > bounds.maxBytes() && tail.size() > 1)) {
            bytes -= sizeOf(tail.removeFirst());
        }
    }

    synchronized List<LogLine> recent(int max, Optional<String> process) {
        ArrayDeque<LogLine> out = new ArrayDeque<>();
        for (Iterator<LogLine> it = tail.descendingIterator(); it.hasNext() && out.size() < max; ) {
            LogLine line = it.next();
            if (process.isEmpty() || line.isOf(process.get())) {
                out.addFirst(line);
            }
        }
        return List.copyOf(out);
    }

    AppLogs.Subscription follow(Consumer<LogLine> listener) {
        Follower f = new Follower(app, bounds.followerQueueLines(), listener, this::remove);
        synchronized (this) {
            followers.add(f);
        }
        f.start();
        return f;
    }

    private synchronized void remove(Follower f) {
        followers.remove(f);
    }

    synchronized int followers() {
        return followers.size();
    }

    synchronized void forget() {
        tail.clear();
        bytes = 0;
        writer.forget(app);
    }

    synchronized List<Follower> followersCopy() {
        return List.copyOf(followers);
    }

    /** About the line's size on disk, counted in chars. */
    static long sizeOf(LogLine line) {
        return 24L + line.source().length() + line.process().length() + line.text().length();
    }
}
