package dev.ferry.cli.releases;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.ReleaseInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry rollback [vN]}: a new release with the config and code of release N (default: the previous one). */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Roll back: make a new release with the config vars and code of release vN.",
                "Without vN, the release before the current one."})
public final class RollbackCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "vN", description = "The release to go back to, e.g. v3.")
    String version;

    public RollbackCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        Integer wanted = version == null ? null : parse(version);
        ReleaseInfo release = api.typed(() -> api.releases().rollback(name, wanted, ApiClient.DEPLOY_TIMEOUT));
        out.println(release.description() + " on " + name + ": " + release.label());
        if ("failed".equals(release.status())) {
            out.flush();
            throw new CliFailure(release.label() + " failed to deploy: "
                    + (release.failure() != null ? release.failure() : "see ferry releases")
                    + "; the previous release keeps running");
        }
    }

    static int parse(String raw) {
        String digits = raw.startsWith("v") || raw.startsWith("V") ? raw.substring(1) : raw;
        try {
            int v = Integer.parseInt(digits);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliFailure("'" + raw + "' is not a release version such as v3");
    }
}
