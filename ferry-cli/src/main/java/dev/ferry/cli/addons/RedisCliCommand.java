package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.support.AppOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry redis:cli [--name NAME] -a APP [COMMAND…]}: opens {@code redis-cli} on the app's Redis add-on as its ACL
 * user, the password passed as {@code REDISCLI_AUTH}; exits with redis-cli's exit code.
 */
@Command(name = "redis:cli", mixinStandardHelpOptions = true,
        description = "Open redis-cli on an app's Redis add-on as its user (keys must start with its prefix).")
public final class RedisCliCommand implements Callable<Integer>, EscapingPolicy {

    /** What the client prints comes from the user's own database, as from a local psql or redis-cli: as received. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    AppOption app;

    @Option(names = "--name", paramLabel = "NAME", description = "The add-on, when the app has several.")
    String name;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A Redis command to run, e.g. GET addon_x:key.")
    List<String> words = new ArrayList<>();

    private final CliEnvironment env;

    public RedisCliCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String appName = app.name(env);
        AttachedAddon addon = AttachedAddon.one(ApiClient.connect(env), appName, "redis", name);
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", addon.url().getHost(),
                "-p", Integer.toString(addon.url().getPort()), "--user", addon.user()));
        command.addAll(words);
        return ClientProgram.run(env, command, Map.of("REDISCLI_AUTH", addon.password()), spec.commandLine().getOut(),
                spec.commandLine().getErr(), "Debian: apt-get install redis-tools");
    }
}
