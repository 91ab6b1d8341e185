package dev.ferry.cli.usage;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.core.api.UsageInfo;
import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /** The CSV's columns: the record's components, in their order, named as the API's JSON names them. */
    private static final RecordComponent[] COLUMNS = UsageInfo.class.getRecordComponents();

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
        if (since != null) {
            try {
                LocalDate.parse(since);
            } catch (DateTimeParseException e) {
                throw new CliFailure("--since must be a date such as 2026-01-31 (YYYY-MM-DD), not '" + since + "'");
            }
        }
        Read<UsageInfo[]> answer = api.typed(() -> api.usage().list(Optional.ofNullable(app), Optional.ofNullable(since)));
        List<UsageInfo> records = List.of(answer.value());
        if (format.json) {
            printJson(out, answer.json());
        } else if (format.csv) {
            out.println(String.join(",", Arrays.stream(COLUMNS).map(RecordComponent::getName).toList()));
            records.forEach(r -> out.println(String.join(",", Arrays.stream(COLUMNS).map(c -> csvCell(cell(c, r))).toList())));
        } else if (records.isEmpty()) {
            out.println("No usage recorded" + (app == null ? "" : " for " + app) + " in that time.");
        } else {
            TextTable table = new TextTable("DAY", "APP", "TYPE", "INSTANCE-HOURS", "REQUESTS", "IN", "OUT",
                    "BUILD-MIN", "TUNNEL REQ");
            records.forEach(r -> table.row(r.day(), r.app(), r.processType(),
                    String.format(Locale.ROOT, "%.2f", r.instanceSeconds() / 3600.0), Long.toString(r.requests()),
                    Bytes.of(r.bytesIn()), Bytes.of(r.bytesOut()), String.format(Locale.ROOT, "%.1f", r.buildSeconds() / 60.0),
                    Long.toString(r.tunnelRequests())));
            table.print(out, env.colour());
        }
    }

    private static String cell(RecordComponent column, UsageInfo record) {
        try {
            return String.valueOf(column.getAccessor().invoke(record));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a record's accessor is public", e);
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
