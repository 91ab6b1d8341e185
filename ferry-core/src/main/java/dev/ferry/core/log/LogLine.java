package dev.ferry.core.log;

import dev.ferry.core.store.AppName;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of an app's log stream, in Heroku's shape: {@code 2026-11-24T14:00:00.123456+00:00 app[web.1]: text}.
 *
 * @param source {@value #APP} (an instance's stdout or stderr), {@value #ROUTER} (an access line) or
 *     {@value #FERRY} (a platform event: deploy, scale, crash, restart)
 * @param process the instance ({@code web.1}, {@code run.1}), {@code router}, or the platform part
 *     ({@code api}, {@code runtime}, {@code build})
 * @param text one line, without its line break
 */
public record LogLine(Instant at, AppName app, String source, String process, String text) {

    public static final String APP = "app";
    public static final String ROUTER = "router";
    public static final String FERRY = "ferry";

    public LogLine {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(text, "text");
    }

    /** True when {@code filter} is this line's process ({@code web.1}) or its process type ({@code web}). */
    public boolean isOf(String filter) {
        return process.equals(filter) || process.startsWith(filter + ".");
    }
}
