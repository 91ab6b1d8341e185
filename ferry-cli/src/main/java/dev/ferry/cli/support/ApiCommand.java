package dev.ferry.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of commands that call the control API: the environment, the output, a client, and
 * {@link #run(ApiClient, PrintWriter)} to implement. Failures are thrown as
 * {@link dev.ferry.cli.CliFailure} and printed as one line by {@link dev.ferry.cli.FerryCli}.
 */
public abstract class ApiCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected final CliEnvironment env;

    protected ApiCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        run(ApiClient.connect(env), out);
        out.flush();
        return 0;
    }

    /** Does the command's work, printing to {@code out}. */
    protected abstract void run(ApiClient api, PrintWriter out);

    /** Prints compact JSON, as the API answered it. */
    protected static void printJson(PrintWriter out, JsonNode json) {
        out.println(ApiClient.write(json));
    }

    /** One path segment, URL-encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code /api/apps/<app><rest>}. */
    public static String appPath(String app, String rest) {
        return "/api/apps/" + segment(app) + rest;
    }
}
