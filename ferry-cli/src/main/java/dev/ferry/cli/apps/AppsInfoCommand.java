package dev.ferry.cli.apps;

import dev.ferry.cli.output.Times;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AppDetail;
import dev.ferry.core.api.AutoCertificateHostInfo;
import dev.ferry.core.api.AutoCertificatesInfo;
import dev.ferry.core.api.CollaboratorInfo;
import dev.ferry.core.api.EventInfo;
import dev.ferry.core.api.ReleaseInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry apps:info [NAME]} (or {@code -a NAME}): an app's owner, collaborators, domains, release, formation and recent events. */
@Command(name = "apps:info", mixinStandardHelpOptions = true,
        description = "Show an app: owner, collaborators, domains, current release, formation and recent changes.")
public final class AppsInfoCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The app (instead of -a).")
    String positional;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    public AppsInfoCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.nameOr(positional, env);
        Read<AppDetail> answer = api.typed(() -> api.apps().info(name));
        if (json) {
            printJson(out, answer.json());
            return;
        }
        AppDetail info = answer.value();
        out.println("=== " + info.name());
        field(out, "Owner", info.owner());
        field(out, "Web URL", info.webUrl());
        field(out, "Domains", join(info.domains()));
        field(out, "Collaborators", join(info.collaborators().stream().map(CollaboratorInfo::email).toList()));
        ReleaseInfo release = info.release();
        field(out, "Release", release != null ? release.label() + " " + release.description() : "none");
        List<String> formation = new ArrayList<>();
        info.formation().forEach((type, quantity) -> formation.add(type + "=" + quantity));
        field(out, "Formation", formation.isEmpty() ? "none" : String.join(" ", formation));
        Times times = Times.of(env.terminal());
        field(out, "Created", times.format(info.createdAt()));
        certificates(api, name).ifPresent(line -> field(out, "Certificates", line));
        out.println();
        out.println("=== Recent changes");
        for (EventInfo event : info.events()) {
            out.println(times.format(event.time()) + "  " + (event.actor() == null ? "ferry" : event.actor())
                    + "  " + event.detail());
        }
    }

    /**
     * Where automatic certificates stand for each host, when the platform runs an ACME issuer or the app turned them
     * off; empty otherwise, or when the API cannot say (the line is extra information: its failure is not the
     * command's).
     */
    private static Optional<String> certificates(ApiClient api, String name) {
        AutoCertificatesInfo auto;
        try {
            auto = api.certificates().auto(name).value();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!auto.issuerRunning() && auto.enabled()) {
            return Optional.empty();
        }
        List<String> hosts = new ArrayList<>();
        for (AutoCertificateHostInfo h : auto.hosts()) {
            String state = "waiting_dns".equals(h.status()) ? "waiting for DNS" : h.status();
            boolean why = "waiting_dns".equals(h.status()) || "failing".equals(h.status());
            hosts.add(h.host() + " " + state + (why && h.message() != null ? " (" + h.message() + ")" : ""));
        }
        return Optional.of("ACME " + (auto.enabled() ? "on" : "off") + (hosts.isEmpty() ? ""
                : "; " + String.join("; ", hosts)));
    }

    private static void field(PrintWriter out, String name, String value) {
        out.println(String.format("%-14s %s", name + ":", value));
    }

    private static String join(List<String> all) {
        return all.isEmpty() ? "none" : String.join(", ", all);
    }
}
