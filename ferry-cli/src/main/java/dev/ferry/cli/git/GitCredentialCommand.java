package dev.ferry.cli.git;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.EscapingPolicy;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry git:credential get|store|erase}: the git credential helper that {@code git:remote} installs.
 * For {@code get} it reads git's request from stdin and, when it is for the API's own scheme, host and port,
 * answers {@code username=ferry} and the CLI's token ({@code FERRY_API_TOKEN}, the credentials file or the
 * local admin token) as the password; for any other host it answers nothing. {@code store} and
 * {@code erase} do nothing: the token lives with the CLI.
 */
@Command(name = "git:credential", hidden = true, mixinStandardHelpOptions = true, description = "The git credential helper installed by git:remote.")
public final class GitCredentialCommand implements Callable<Integer>, EscapingPolicy {

    /** Text the CLI writes itself, for people or programs: printed as it is. */
    @Override
    public Escaping escaping() {
        return Escaping.NONE;
    }


    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OPERATION", description = "get, store or erase (given by git).")
    String operation;

    private final CliEnvironment env;

    public GitCredentialCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (!operation.equals("get")) {
            return 0;
        }
        Map<String, String> request = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                request.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Optional<String> answer = answer(request, ApiTarget.resolve(env));
        if (answer.isPresent()) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(answer.get());
            out.flush();
        }
        return 0;
    }

    /** The helper's answer to git's {@code get} request: credentials only for the API's scheme, host and port. */
    static Optional<String> answer(Map<String, String> request, ApiTarget target) {
        URI api = URI.create(target.url());
        String apiHost = api.getHost() + (api.getPort() < 0 ? "" : ":" + api.getPort());
        if (!api.getScheme().equals(request.get("protocol")) || !apiHost.equals(request.get("host"))) {
            return Optional.empty();
        }
        String token = target.token().orElseThrow(() -> new CliFailure("no API token: run 'ferry login' first"));
        return Optional.of("username=ferry\npassword=" + token + "\n");
    }
}
