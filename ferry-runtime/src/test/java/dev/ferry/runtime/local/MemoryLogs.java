package dev.ferry.runtime.local;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An app log double that keeps every line. */
final class MemoryLogs implements AppLogs {

    final List<LogLine> lines = new CopyOnWriteArrayList<>();

    @Override
    public void append(LogLine line) {
        lines.add(line);
    }

    List<String> texts(String process) {
        return lines.stream().filter(l -> l.process().equals(process)).map(LogLine::text).toList();
    }

    @Override
    public List<LogLine> recent(AppName app, int max, Optional<String> process) {
        return lines.stream().filter(l -> l.app().equals(app) && process.map(l::isOf).orElse(true)).toList();
    }

    @Override
    public Subscription follow(AppName app, Consumer<LogLine> listener) {
        return () -> { };
    }

    @Override
    public void forget(AppName app) {
        lines.removeIf(l -> l.app().equals(app));
    }
}
