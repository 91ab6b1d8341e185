package dev.ferry.cli.ps;

import dev.ferry.cli.output.Style;
import dev.ferry.cli.output.TerminalWriter;

import dev.ferry.core.api.ProcessInfo;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code ferry ps}: one block per process type, {@code === web (2): npm start}, then one line per
 * instance, {@code web.1: up 2026-11-24 14:00:00 (~ 3m ago)}, in the clock's time zone; blocks separated by a
 * blank line. An instance of an old release that drains after a deploy (the API's state {@code stopping}) is listed
 * after the others as {@code web.1: draining (v3) ...} and not counted, so a name seen twice during a rolling
 * deploy says which one is leaving. An instance the runtime measured ends with its CPU and memory
 * ({@code , cpu 12.3%, memory 40 MiB}); {@code --json} has them as {@code cpuPercent} and {@code memoryBytes}, null
 * when not measured.
 */
final class ProcessListing {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;

    ProcessListing(Clock clock) {
        this.clock = clock;
    }

    void print(List<ProcessInfo> processes, PrintWriter out) {
        Map<String, List<ProcessInfo>> byType = new LinkedHashMap<>();
        processes.forEach(p -> byType.computeIfAbsent(p.type(), t -> new ArrayList<>()).add(p));
        boolean first = true;
        for (Map.Entry<String, List<ProcessInfo>> type : byType.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            List<ProcessInfo> serving = type.getValue().stream().filter(p -> !draining(p)).toList();
            List<ProcessInfo> leaving = type.getValue().stream().filter(ProcessListing::draining).toList();
            ProcessInfo newest = serving.isEmpty() ? type.getValue().getFirst() : serving.getFirst();
            String command = newest.command() == null ? "" : newest.command();
            out.println("=== " + type.getKey() + " (" + serving.size() + ")" + (command.isEmpty() ? "" : ": " + command));
            for (ProcessInfo p : serving) {
                line(out, p, p.state());
            }
            for (ProcessInfo p : leaving) {
                line(out, p, "draining" + (p.release() != null ? " (v" + p.release() + ")" : ""));
            }
        }
    }

    private void line(PrintWriter out, ProcessInfo p, String state) {
        out.print(p.name() + ": ");
        TerminalWriter.print(out, Style.ofState(state), state);
        out.println(" " + since(p.since()) + restarts(p.restarts()) + usage(p));
    }

    /** {@code , cpu 12.3%, memory 40 MiB} when the runtime measured the instance; nothing when not. */
    static String usage(ProcessInfo p) {
        if (p.cpuPercent() == null || p.memoryBytes() == null) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, ", cpu %.1f%%, memory %d MiB", p.cpuPercent(),
                Math.round(p.memoryBytes() / (1024.0 * 1024)));
    }

    /** An instance leaving the route table before it stops: the API's {@code stopping}. */
    private static boolean draining(ProcessInfo p) {
        return "stopping".equals(p.state());
    }

    private String since(String iso) {
        Instant at;
        try {
            at = Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return iso;
        }
        return TIME.format(at.atZone(clock.getZone())) + " (~ " + ago(Duration.between(at, clock.instant())) + " ago)";
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        } else if (s < 3600) {
            return s / 60 + "m";
        } else if (s < 48 * 3600) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }

    private static String restarts(int n) {
        return n == 0 ? "" : n == 1 ? ", restarted once" : ", restarted " + n + " times";
    }
}
