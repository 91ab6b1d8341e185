package dev.ferry.runtime.local;

import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.AppName;
import dev.ferry.runtime.process.LinePump;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code run:detached} processes of a {@link LocalRuntime}: each line of their standard output and error goes
 * into the app's log stream as source {@code app}, process {@code run.N}, and their exit as a platform event of
 * that process ({@code ferry[run.3]: Process exited with status 0}), as on Heroku. They get no standard input, and
 * are stopped with their app ({@code apps:destroy}) or the runtime.
 */
final class DetachedRuns {

    private final RuntimeEvents events;
    private final Map<AppName, Set<OneOffProcess>> running = new ConcurrentHashMap<>();

    DetachedRuns(RuntimeEvents events) {
        this.events = events;
    }

    void follow(OneOffProcess process, AppName app) {
        try {
            process.input().close();
        } catch (IOException e) {
            // the process closed its input already
        }
        running.computeIfAbsent(app, a -> ConcurrentHashMap.newKeySet()).add(process);
        Thread out = LinePump.start(process.name() + "-out", process.output(), line -> events.output(app, process.name(), line));
        Thread err = LinePump.start(process.name() + "-err", process.errors(), line -> events.output(app, process.name(), line));
        Thread.ofVirtual().name("ferry-detached-" + process.name()).start(() -> {
            try {
                int code = process.waitFor();
                out.join();
                err.join();
                events.processEvent(app, process.name(), "Process exited with status " + code);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // stop() may have taken the app's set away already
                running.computeIfPresent(app, (a, processes) -> {
                    processes.remove(process);
                    return processes;
                });
            }
        });
    }

    /** Stops the app's detached processes (SIGTERM, then SIGKILL after the stop grace). */
    void stop(AppName app) {
        Set<OneOffProcess> processes = running.remove(app);
        if (processes != null) {
            processes.forEach(OneOffProcess::close);
        }
    }

    void stopAll() {
        running.keySet().forEach(this::stop);
    }
}
