package dev.ferry.cli.config;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.ConfigChange;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry config:unset KEY…}: removes vars in one request, which is one new release. Vars that are not set
 * are named and skipped; when none is set, nothing changes and no release is made.
 */
@Command(name = "config:unset", mixinStandardHelpOptions = true,
        description = {"Remove config vars; all of them together make one new release.",
                "Vars that are not set are skipped; if none is set, nothing changes."})
public final class ConfigUnsetCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "The vars to remove.")
    List<String> keys;

    public ConfigUnsetCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        Map<String, String> config = api.typed(() -> api.config().get(name));
        Set<String> present = new LinkedHashSet<>();
        Set<String> absent = new LinkedHashSet<>();
        keys.forEach(k -> (config.containsKey(k) ? present : absent).add(k));
        if (!absent.isEmpty()) {
            out.println(String.join(", ", absent) + (absent.size() == 1 ? " is" : " are") + " not set on " + name
                    + (present.isEmpty() ? "; nothing changed, no new release" : "; skipped"));
        }
        if (present.isEmpty()) {
            return;
        }
        ConfigChange change = new ConfigChange(Map.of(), List.copyOf(present));
        api.typed(() -> api.config().change(name, change, ApiClient.DEPLOY_TIMEOUT));
        Releases.report(api, name, "Unset " + String.join(", ", present) + " on " + name, out);
    }
}
