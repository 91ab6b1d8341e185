package dev.ferry.cli.login;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.api.ApiTarget;
import dev.ferry.cli.api.Credentials;
import dev.ferry.cli.api.CredentialsFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry login --url U --token T}: checks the token against the API, then saves both in the
 * credentials file (mode 0600), so later commands need no environment variables.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Check an API token and save it, with the API URL, in the CLI's credentials file.")
public final class LoginCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL",
            description = "The control API, e.g. http://localhost:7070 (default: FERRY_API_URL, else http://localhost:7070).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", interactive = true, arity = "0..1", required = true,
            description = "The API token; give --token alone to be prompted for it without echo.")
    char[] token;

    @Spec
    CommandSpec spec;

    private final CliEnvironment env;

    public LoginCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        String apiUrl;
        try {
            apiUrl = ApiTarget.normalizeUrl(url != null ? url : env.get("FERRY_API_URL") != null ? env.get("FERRY_API_URL") : ApiTarget.DEFAULT_URL);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
        String secret = token == null ? "" : new String(token).strip();
        if (secret.isEmpty()) {
            throw new CliFailure("the token is empty");
        }
        // Any valid token may list its own tokens, so this checks the token without needing admin rights.
        ApiClient api = ApiClient.of(apiUrl, secret);
        api.typed(() -> api.accounts().tokens());
        Path file = CredentialsFile.location(env);
        CredentialsFile.write(file, new Credentials(apiUrl, secret));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Logged in to " + apiUrl + "; credentials saved in " + file);
        out.flush();
        return 0;
    }
}
