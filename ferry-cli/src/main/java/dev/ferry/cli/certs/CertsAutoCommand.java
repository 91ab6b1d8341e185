package dev.ferry.cli.certs;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.output.Times;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AutoCertificateHostInfo;
import dev.ferry.core.api.AutoCertificatesInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry certs:auto [--json]} (Heroku's verb): whether certificates over ACME are on for the app, and each of
 * its hosts' state: issued, pending, waiting for DNS, failing (with the reason and the next try), disabled, covered
 * by the user's own certificate, or never (a {@code .localhost} name).
 */
@Command(name = "certs:auto", mixinStandardHelpOptions = true,
        description = "Show automatic certificates (ACME) for an app: on or off, and each host's state.")
public final class CertsAutoCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON: {\"enabled\",\"issuerRunning\",\"hosts\":[{\"host\","
            + "\"status\",\"message\",\"expiresAt\",\"nextAttemptAt\"}]}.")
    boolean json;

    public CertsAutoCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        Read<AutoCertificatesInfo> auto = api.typed(() -> api.certificates().auto(name));
        if (json) {
            printJson(out, auto.json());
            return;
        }
        print(out, name, auto.value(), Times.of(env.terminal()), env.colour());
    }

    /** The switch in one line, then one row per host; shared with certs:auto:enable and certs:auto:disable. */
    static void print(PrintWriter out, String app, AutoCertificatesInfo auto, Times times, boolean colour) {
        out.println("Automatic certificates (ACME) for " + app + ": " + (auto.enabled() ? "on"
                : "off (ferry certs:auto:enable -a " + app + " turns them on)"));
        if (!auto.issuerRunning()) {
            out.println("This platform runs no ACME issuer: start it with --acme-email (or --acme-directory) to order"
                    + " any certificate.");
        }
        TextTable table = new TextTable("HOST", "STATUS", "EXPIRES", "DETAIL");
        for (AutoCertificateHostInfo h : auto.hosts()) {
            String detail = h.message() == null ? "" : h.message();
            if (h.nextAttemptAt() != null) {
                detail += (detail.isEmpty() ? "" : "; ") + ("failing".equals(h.status()) ? "next try " : "checked again ")
                        + times.format(h.nextAttemptAt());
            }
            table.row(h.host(), words(h.status()), h.expiresAt() == null ? "-" : times.format(h.expiresAt()), detail);
        }
        table.print(out, colour);
    }

    private static String words(String status) {
        return switch (status) {
            case "waiting_dns" -> "waiting for DNS";
            case "user" -> "your certificate";
            default -> status;
        };
    }
}
