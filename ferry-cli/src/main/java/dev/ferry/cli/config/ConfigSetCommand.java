package dev.ferry.cli.config;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.ConfigChange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry config:set KEY=VALUE…}: sets vars in one request, which is one new release. The value is
 * everything after the first {@code =}, kept exactly (quote it for the shell).
 */
@Command(name = "config:set", mixinStandardHelpOptions = true,
        description = {"Set config vars; all of them together make one new release.",
                "The value is everything after the first '=': config:set 'GREETING=hello world' 'URL=a=b'."})
public final class ConfigSetCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "The vars to set.")
    List<String> pairs;

    public ConfigSetCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        Map<String, String> set = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliFailure("'" + pair + "' is not KEY=VALUE");
            }
            String key = pair.substring(0, eq);
            set.put(key, pair.substring(eq + 1));
            keys.add(key);
        }
        api.typed(() -> api.config().change(name, new ConfigChange(set, List.of()), ApiClient.DEPLOY_TIMEOUT));
        Releases.report(api, name, "Set " + String.join(", ", keys) + " on " + name, out);
    }
}
