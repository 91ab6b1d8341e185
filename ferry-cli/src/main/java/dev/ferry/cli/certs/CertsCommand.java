package dev.ferry.cli.certs;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.output.Times;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.CertificateInfo;
import java.io.PrintWriter;
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
        Read<CertificateInfo[]> certs = api.typed(() -> api.certificates().list(name));
        if (json) {
            printJson(out, certs.json());
            return;
        }
        if (certs.value().length == 0) {
            out.println(name + " has no certificates (add one with: ferry certs:add CERT KEY -a " + name + ")");
            return;
        }
        TextTable table = new TextTable("NAME", "DOMAINS", "EXPIRES", "ISSUER");
        for (CertificateInfo c : certs.value()) {
            table.row(c.name(), String.join(", ", c.hostnames()), Times.of(env.terminal()).format(c.expiresAt()),
                    c.issuer());
        }
        table.print(out, env.colour());
    }
}
