package dev.ferry.cli.ps;

import dev.ferry.cli.output.Style;
import dev.ferry.cli.output.TerminalWriter;

import com.fasterxml.jackson.databind.JsonNode;
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
 * deploy says which one is leaving.
 */
final class ProcessListing {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Clock clock;

    ProcessListing(Clock clock) {
        this.clock = clock;
    }

    void print(JsonNode processes, PrintWriter out) {
        Map<String, List<JsonNode>> byType = new LinkedHashMap<>();
        processes.forEach(p -> byType.computeIfAbsent(p.path("type").asText(), t -> new ArrayList<>()).add(p));
        boolean first = true;
        for (Map.Entry<String, List<JsonNode>> type : byType.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            List<JsonNode> serving = type.getValue().stream().filter(p -> !draining(p)).toList();
            List<JsonNode> leaving = type.getValue().stream().filter(ProcessListing::draining).toList();
            JsonNode newest = serving.isEmpty() ? type.getValue().getFirst() : serving.getFirst();
            String command = newest.path("command").asText("");
            out.println("=== " + type.getKey() + " (" + serving.size() + ")" + (command.isEmpty() ? "" : ": " + command));
            for (JsonNode p : serving) {
                line(out, p, p.path("state").asText());
            }
            for (JsonNode p : leaving) {
                line(out, p, "draining" + (p.path("release").isInt() ? " (v" + p.path("release").asInt() + ")" : ""));
            }
        }
    }

    private void line(PrintWriter out, JsonNode p, String state) {
        out.print(p.path("name").asText() + ": ");
        TerminalWriter.print(out, Style.ofState(state), state);
        out.println(" " + since(p.path("since").asText()) + restarts(p.path("restarts").asInt()));
    }

    /** An instance leaving the route table before it stops: the API's {@code stopping}. */
    private static boolean draining(JsonNode p) {
        return "stopping".equals(p.path("state").asText());
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
