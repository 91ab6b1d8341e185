package dev.ferry.control.logs;

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

/** A simple {@link AppLogs} for API tests: unbounded, delivering to followers on the appender's thread. */
public final class MemoryAppLogs implements AppLogs {

    private final Map<AppName, List<LogLine>> lines = new ConcurrentHashMap<>();
    private final Map<AppName, List<Consumer<LogLine>>> followers = new ConcurrentHashMap<>();

    @Override
    public void append(LogLine line) {
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

    @Override
    public void forget(AppName app) {
        lines.remove(app);
    }
}
