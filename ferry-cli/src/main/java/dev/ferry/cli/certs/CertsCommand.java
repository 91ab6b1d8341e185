package dev.ferry.cli.certs;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.TextTable;
import dev.ferry.cli.output.Times;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AcmeStatusInfo;
import dev.ferry.core.api.CertificateInfo;
import dev.ferry.core.api.PlatformCertificateInfo;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry certs [--json]}: the app's TLS certificates (never their keys) with their source ({@code user} or
 * {@code acme}), expiry and ACME status, then the hosts ACME is still trying to get a first certificate for.
 * {@code ferry certs --platform} (admins): the platform's own certificates instead, the wildcard {@code *.<domain>},
 * with expiry, status and last failure.
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "List an app's TLS certificates: source (user or acme), expiry, ACME status; with --platform,"
                + " the platform's wildcard certificate (admins).")
public final class CertsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"name\",\"hostnames\",\"subject\",\"issuer\","
            + "\"notBefore\",\"expiresAt\",\"fingerprint\",\"addedAt\",\"source\",\"status\"}].")
    boolean json;

    @Option(names = "--platform", description = "List the platform's own certificates instead (the wildcard *.<domain>"
            + " every router serves): name, expiry, status, last failure. Admins only.")
    boolean platform;

    public CertsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        if (platform) {
            printPlatform(api, out);
            return;
        }
        String name = app.name(env);
        Read<CertificateInfo[]> certs = api.typed(() -> api.certificates().list(name));
        if (json) {
            printJson(out, certs.json());
            return;
        }
        AcmeStatusInfo[] acme = api.typed(() -> api.certificates().acme(name));
        Map<String, AcmeStatusInfo> byHost = Arrays.stream(acme)
                .collect(Collectors.toMap(AcmeStatusInfo::host, s -> s, (a, b) -> a));
        Set<String> named = Arrays.stream(certs.value()).map(CertificateInfo::name).collect(Collectors.toSet());
        List<AcmeStatusInfo> pending = Arrays.stream(acme).filter(s -> !named.contains(s.host())).toList();
        if (certs.value().length == 0 && pending.isEmpty()) {
            out.println(name + " has no certificates (add one with: ferry certs:add CERT KEY -a " + name + ")");
            return;
        }
        Times times = Times.of(env.terminal());
        TextTable table = new TextTable("NAME", "DOMAINS", "SOURCE", "EXPIRES", "STATUS", "ISSUER");
        for (CertificateInfo c : certs.value()) {
            boolean fromAcme = "acme".equals(c.source());
            table.row(c.name(), String.join(", ", c.hostnames()), c.source() == null ? "user" : c.source(),
                    times.format(c.expiresAt()),
                    fromAcme ? Optional.ofNullable(byHost.get(c.name())).map(AcmeStatusInfo::state).orElse("valid") : "-",
                    c.issuer());
        }
        for (AcmeStatusInfo s : pending) {
            table.row(s.host(), s.host(), "acme", "-", s.state(), "-");
        }
        table.print(out, env.colour());
        for (AcmeStatusInfo s : acme) {
            if ("failing".equals(s.state())) {
                out.println(s.host() + ": ACME failing (" + s.failures() + " in a row; "
                        + (named.contains(s.host()) ? "the current certificate keeps serving" : "no certificate yet")
                        + "; next try " + times.format(s.nextAttemptAt()) + "): " + s.message());
            } else if ("waiting_dns".equals(s.state())) {
                out.println(s.host() + ": waiting for DNS: " + s.message() + " (checked again "
                        + times.format(s.nextAttemptAt()) + ")");
            }
        }
    }

    private void printPlatform(ApiClient api, PrintWriter out) {
        Read<PlatformCertificateInfo[]> certs = api.typed(() -> api.certificates().platform());
        if (json) {
            printJson(out, certs.json());
            return;
        }
        if (certs.value().length == 0) {
            out.println("The platform has no certificates of its own (a wildcard needs --acme-dns-provider)");
            return;
        }
        Times times = Times.of(env.terminal());
        TextTable table = new TextTable("NAME", "DOMAINS", "EXPIRES", "STATUS", "ISSUER");
        for (PlatformCertificateInfo c : certs.value()) {
            table.row(c.name(), c.hostnames().isEmpty() ? "-" : String.join(", ", c.hostnames()),
                    c.expiresAt() == null ? "-" : times.format(c.expiresAt()), c.status(),
                    c.issuer() == null ? "-" : c.issuer());
        }
        table.print(out, env.colour());
        for (PlatformCertificateInfo c : certs.value()) {
            if (c.lastFailure() != null) {
                out.println(c.name() + ": last failure at " + times.format(c.lastFailureAt()) + " (" + c.failures()
                        + " in a row): " + c.lastFailure());
            }
        }
    }
}
