package dev.ferry.cli.ps;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry run [-e K=V]… CMD…}: runs a one-off process of the app's current release (with its config vars,
 * sandboxed like its instances), prints its output as it comes and exits with its exit code. The words of
 * {@code CMD} are joined with spaces and run by a shell, as on Heroku; options after the first word belong to
 * the command ({@code ferry run -a hello ls -la}), and {@code --} ends Ferry's options.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a one-off process of the app's current release and stream its output; exits with its exit code.",
                "Example: ferry run -a hello -- echo hi"})
public final class RunCommand implements Callable<Integer>, EscapingPolicy {

    /** The output of a command the user runs in their own app is theirs, as for a local command: as received. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }


    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    AppOption app;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "An extra environment variable for this process (repeatable).")
    List<String> extraEnv;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command;

    private final CliEnvironment env;

    public RunCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String name = app.name(env);
        ObjectNode body = ApiClient.object().put("command", String.join(" ", command));
        ObjectNode vars = body.putObject("env");
        for (String pair : extraEnv == null ? List.<String>of() : extraEnv) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CliFailure("'" + pair + "' is not KEY=VALUE");
            }
            vars.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (InputStream stream = ApiClient.connect(env).stream("POST", ApiCommand.appPath(name, "/run"), body)) {
            return follow(stream, out);
        } catch (IOException e) {
            throw new CliFailure("the connection to the Ferry API broke while the process ran: " + e.getMessage());
        } finally {
            out.flush();
        }
    }

    /** Prints each output frame as it arrives and answers the exit code of the last frame. */
    private static int follow(InputStream stream, PrintWriter out) throws IOException {
        BufferedReader frames = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        for (String line; (line = frames.readLine()) != null; ) {
            if (line.isBlank()) {
                continue; // keep-alive
            }
            JsonNode frame = JSON.readTree(line);
            if (frame.has("out")) {
                out.print(frame.get("out").asText());
                out.flush();
            } else if (frame.has("exit")) {
                return frame.get("exit").asInt();
            } else if (frame.has("error")) {
                throw new CliFailure(frame.get("error").asText());
            }
        }
        throw new CliFailure("the Ferry API ended the stream before the process finished");
    }
}
