package dev.ferry.testing;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An {@link AppLogs} that keeps every line in memory, unbounded, and delivers to followers on the appender's
 * thread (a follower that throws is dropped). For tests of the API, the CLI and the runtime.
 */
public final class MemoryAppLogs implements AppLogs {

    private final Map<AppName, List<LogLine>> lines = new ConcurrentHashMap<>();
    private final Map<AppName, List<Consumer<LogLine>>> followers = new ConcurrentHashMap<>();
    private final List<LogLine> all = new CopyOnWriteArrayList<>();

    @Override
    public void append(LogLine line) {
        all.add(line);
        lines.computeIfAbsent(line.app(), a -> new CopyOnWriteArrayList<>()).add(line);
        for (Consumer<LogLine> f : followers.getOrDefault(line.app(), List.of())) {
            try {
                f.accept(line);
            } catch (RuntimeException e) {
                followers.get(line.app()).remove(f);
            }
        }
    }

    @Override
    public List<LogLine> recent(AppName app, int max, Optional<String> process) {
        List<LogLine> matching = new ArrayList<>(lines.getOrDefault(app, List.of()).stream()
                .filter(l -> process.isEmpty() || l.isOf(process.get())).toList());
        return List.copyOf(matching.subList(Math.max(0, matching.size() - max), matching.size()));
    }

    @Override
    public Subscription follow(AppName app, Consumer<LogLine> listener) {
        List<Consumer<LogLine>> list = followers.computeIfAbsent(app, a -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /** How many followers the app has. */
    public int followers(AppName app) {
        return followers.getOrDefault(app, List.of()).size();
    }

    /** The texts of every app's lines from exactly the process {@code process} (e.g. {@code web.1}, {@code runtime}). */
    public List<String> texts(String process) {
        return all.stream().filter(l -> l.process().equals(process)).map(LogLine::text).toList();
    }

    @Override
    public void forget(AppName app) {
        lines.remove(app);
        all.removeIf(l -> l.app().equals(app));
    }
}
