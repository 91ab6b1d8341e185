package dev.ferry.runtime.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a child's output line by line on its own virtual thread and hands each line to a consumer, until the
 * stream ends. Lines longer than 16 KiB are split, so one runaway line cannot exhaust memory.
 */
public final class LinePump {

    private static final int MAX_LINE = 16 * 1024;

    private LinePump() {
    }

    /** Starts pumping; the thread ends with the stream. */
    public static Thread start(String name, InputStream in, Consumer<String> lines) {
        return Thread.ofVirtual().name(name).start(() -> pump(in, lines));
    }

    private static void pump(InputStream in, Consumer<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = r.read()) != -1) {
                if (c == '\n' || line.length() >= MAX_LINE) {
                    deliver(lines, line);
                    if (c == '\n') {
                        continue;
                    }
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (!line.isEmpty()) {
                deliver(lines, line);
            }
        } catch (IOException e) {
            // the process is gone and its pipe closed: nothing left to read
        }
    }

    private static void deliver(Consumer<String> lines, StringBuilder line) {
        try {
            lines.accept(line.toString());
        } catch (RuntimeException e) {
            // a failing log sink must not stop the pump, or the child would block on a full pipe
        }
        line.setLength(0);
    }
}
