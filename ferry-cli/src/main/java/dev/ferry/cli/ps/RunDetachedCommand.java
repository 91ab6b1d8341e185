package dev.ferry.cli.ps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.OneOffRequest;
import dev.ferry.core.runtime.ShellQuoting;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry run:detached [-e K=V]… CMD [ARG…]}: starts a one-off process of the app's current release in the
 * background, as {@code heroku run:detached} does; its output goes to the app's log stream as {@code run.N}
 * ({@code ferry logs -p run.N}). The words are passed as {@code run} passes them.
 */
@Command(name = "run:detached", mixinStandardHelpOptions = true,
        description = {"Run a one-off process in the background; its output goes to ferry logs as run.N.",
                "Example: ferry run:detached -a hello -- python3 manage.py migrate"})
public final class RunDetachedCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "An extra environment variable for this process (repeatable).")
    List<String> extraEnv;

    @Option(names = {"-s", "--size"}, paramLabel = "SIZE", description = "Heroku's dyno size; Ferry has no sizes, so any value is refused.")
    String size;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The program and its arguments, passed exactly as given.")
    List<String> command;

    public RunDetachedCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        RunCommand.refuseSize(size);
        String name = app.name(env);
        OneOffRequest request = new OneOffRequest(RunCommand.words(command), RunCommand.extraEnv(extraEnv));
        String process = api.typed(() -> api.processes().runDetached(name, request)).name();
        out.println("Running " + ShellQuoting.join(command) + " on " + name + ": up, " + process);
        out.println("Its output goes to the app's logs: ferry logs -a " + name + " -p " + process);
    }
}
