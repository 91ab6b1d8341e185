package dev.ferry.cli.apps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry open [PATH]}: the app's URL, opened in a browser when there is one ({@code $BROWSER}, else
 * {@code xdg-open} or {@code open} on a desktop session); otherwise, and always on a machine without a display,
 * the URL is printed for the user to follow.
 */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Open the app's URL in a browser: $BROWSER, else the desktop's.", "With no browser, print the URL."})
public final class OpenCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A path to open, as in /admin.")
    String path;

    public OpenCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        String base = api.typed(() -> api.apps().info(name)).value().webUrl();
        if (base == null || base.isEmpty()) {
            throw new CliFailure("the API gave no URL for this app");
        }
        String url = path == null || path.isBlank() ? base
                : base.replaceAll("/+$", "") + (path.startsWith("/") ? path : "/" + path);
        Optional<List<String>> browser = browser(url);
        if (browser.isEmpty()) {
            out.println(url);
            return;
        }
        out.println("Opening " + url + "...");
        out.flush();
        try {
            Process p = new ProcessBuilder(browser.get()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() != 0) {
                throw new CliFailure("the browser (" + browser.get().getFirst() + ") failed; open " + url + " yourself");
            }
        } catch (IOException e) {
            throw new CliFailure("cannot start the browser " + browser.get().getFirst() + "; open " + url + " yourself");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code $BROWSER URL}, else the desktop's opener when a display is set; empty without either. */
    private Optional<List<String>> browser(String url) {
        String chosen = env.get("BROWSER");
        if (chosen != null) {
            return Optional.of(List.of(chosen.split(":")[0], url));
        }
        if (env.get("DISPLAY") == null && env.get("WAYLAND_DISPLAY") == null) {
            return Optional.empty();
        }
        for (String opener : List.of("xdg-open", "open")) {
            for (String dir : Optional.ofNullable(env.get("PATH")).orElse("/usr/bin:/bin").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, opener))) {
                    return Optional.of(List.of(Path.of(dir, opener).toString(), url));
                }
            }
        }
        return Optional.empty();
    }
}
