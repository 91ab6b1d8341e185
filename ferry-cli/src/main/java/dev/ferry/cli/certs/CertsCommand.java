package dev.ferry.cli.certs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.output.Times;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry certs [--json]}: the app's TLS certificates (never their keys). */
@Command(name = "certs", mixinStandardHelpOptions = true, description = "List an app's TLS certificates.")
public final class CertsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"name\",\"hostnames\",\"subject\",\"issuer\","
            + "\"notBefore\",\"expiresAt\",\"fingerprint\",\"addedAt\"}].")
    boolean json;

    public CertsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        JsonNode certs = api.get(appPath(name, "/certs")).body();
        if (json) {
            printJson(out, certs);
            return;
        }
        if (certs.isEmpty()) {
            out.println(name + " has no certificates (add one with: ferry certs:add CERT KEY -a " + name + ")");
            return;
        }
        TextTable table = new TextTable("NAME", "DOMAINS", "EXPIRES", "ISSUER");
        certs.forEach(c -> {
            List<String> hosts = new ArrayList<>();
            c.path("hostnames").forEach(h -> hosts.add(h.asText()));
            table.row(c.path("name").asText(), String.join(", ", hosts),
                    Times.of(env.terminal()).format(c.path("expiresAt").asText()), c.path("issuer").asText());
        });
        table.print(out, env.colour());
    }
}
