package dev.ferry.runtime.local;

import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.AppName;
import dev.ferry.runtime.process.LinePump;
import java.io.IOException;

/**
 * Sends the output of a {@code run:detached} process into the app's log stream, as Heroku does: each line of its
 * standard output and error as source {@code app}, process {@code run.N}; its exit as a platform event
 * ({@code ferry[run.3]: Process exited with status 0}). It gets no standard input.
 */
final class DetachedOutput {

    private DetachedOutput() {
    }

    static void follow(OneOffProcess process, AppName app, RuntimeEvents events) {
        try {
            process.input().close();
        } catch (IOException e) {
            // the process closed its input already
        }
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
            }
        });
    }
}
