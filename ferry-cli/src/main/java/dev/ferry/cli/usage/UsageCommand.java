package dev.ferry.cli.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry usage [-a APP] [--since DATE] [--json|--csv]}: usage records per UTC day, app and process type
 * ({@code GET /api/usage}); a table by default, the API's JSON array with {@code --json}, CSV with a header row
 * with {@code --csv}. Without {@code -a}, every app the caller can see; without {@code --since}, the last 30 days.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Show usage per day, app and process type: instance seconds, requests, bytes, build seconds, "
                + "tunnel traffic.")
public final class UsageCommand extends ApiCommand {

    static final String[] COLUMNS = {"day", "app", "processType", "instanceSeconds", "requests", "bytesIn",
            "bytesOut", "buildSeconds", "tunnelRequests", "tunnelBytesIn", "tunnelBytesOut"};

    @Option(names = {"-a", "--app"}, paramLabel = "APP", description = "Only this app (default: every app you can see).")
    String app;

    @Option(names = "--since", paramLabel = "DATE", description = "First UTC day, YYYY-MM-DD (default: 30 days ago).")
    String since;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "Print the API's JSON array: [{\"day\",\"app\",\"processType\","
                + "\"instanceSeconds\",\"requests\",\"bytesIn\",\"bytesOut\",\"buildSeconds\",\"tunnelRequests\","
                + "\"tunnelBytesIn\",\"tunnelBytesOut\"}].")
        boolean json;

        @Option(names = "--csv", description = "Print CSV with a header row, one line per record.")
        boolean csv;
    }

    public UsageCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        List<String> query = new ArrayList<>();
        if (app != null) {
            query.add("app=" + URLEncoder.encode(app, StandardCharsets.UTF_8));
        }
        if (since != null) {
            try {
                LocalDate.parse(since);
            } catch (DateTimeParseException e) {
                throw new CliFailure("--since must be a date such as 2026-01-31 (YYYY-MM-DD), not '" + since + "'");
            }
            query.add("since=" + since);
        }
        JsonNode records = api.get("/api/usage" + (query.isEmpty() ? "" : "?" + String.join("&", query))).body();
        if (format.json) {
            printJson(out, records);
        } else if (format.csv) {
            out.println(String.join(",", COLUMNS));
            records.forEach(r -> {
                List<String> cells = new ArrayList<>();
                for (String c : COLUMNS) {
                    cells.add(csvCell(r.path(c).asText()));
                }
                out.println(String.join(",", cells));
            });
        } else if (records.isEmpty()) {
            out.println("No usage recorded" + (app == null ? "" : " for " + app) + " in that time.");
        } else {
            TextTable table = new TextTable("DAY", "APP", "TYPE", "INSTANCE-HOURS", "REQUESTS", "IN", "OUT",
                    "BUILD-MIN", "TUNNEL REQ");
            records.forEach(r -> table.row(r.path("day").asText(), r.path("app").asText(),
                    r.path("processType").asText(), String.format(Locale.ROOT, "%.2f", r.path("instanceSeconds").asLong() / 3600.0),
                    Long.toString(r.path("requests").asLong()), Bytes.of(r.path("bytesIn").asLong()),
                    Bytes.of(r.path("bytesOut").asLong()), String.format(Locale.ROOT, "%.1f", r.path("buildSeconds").asLong() / 60.0),
                    Long.toString(r.path("tunnelRequests").asLong())));
            table.print(out, env.colour());
        }
    }

    /** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. */
    static String csvCell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
