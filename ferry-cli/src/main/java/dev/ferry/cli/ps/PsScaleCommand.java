package dev.ferry.cli.ps;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry ps:scale web=2 worker=1}: sets how many instances of each process type should run; {@code web+1}
 * and {@code web-1} change a quantity relative to the current one; with no argument, shows the formation.
 */
@Command(name = "ps:scale", mixinStandardHelpOptions = true,
        description = {"Set how many instances of each process type run, e.g. ps:scale web=2 worker=1.",
                "web+1 and web-1 change a quantity by a number; types not named keep theirs.",
                "Without arguments, show the formation."})
public final class PsScaleCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..*", paramLabel = "TYPE=N|TYPE+N|TYPE-N", description = "Process type and quantity (0-100).")
    List<String> changes = List.of();

    @Option(names = "--json", description = "Print the formation (after the change) as JSON.")
    boolean json;

    public PsScaleCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        List<ScaleChange> parsed = changes.stream().map(ScaleChange::parse).toList();
        boolean relative = parsed.stream().anyMatch(ScaleChange::relative);
        Map<String, Integer> current = parsed.isEmpty() || relative ? api.typed(() -> api.processes().formation(name))
                : Map.of();
        if (parsed.isEmpty()) {
            print(out, json, name, "Formation of " + name + ": ", current);
            return;
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (ScaleChange change : parsed) {
            wanted.put(change.type(), change.applyTo(current.getOrDefault(change.type(), 0)));
        }
        Map<String, Integer> formation = api.typed(() -> api.processes().scale(name, wanted, ApiClient.DEPLOY_TIMEOUT));
        print(out, json, name, "Scaled " + name + " to ", formation);
    }

    private void print(PrintWriter out, boolean asJson, String name, String prefix, Map<String, Integer> formation) {
        if (asJson) {
            out.println(ApiClient.write(formation));
            return;
        }
        List<String> all = new ArrayList<>();
        formation.forEach((type, quantity) -> {
            if (!type.equals("release")) { // the release phase runs once per release; it is not scaled
                all.add(type + "=" + quantity);
            }
        });
        out.println(all.isEmpty() ? name + " has no process types yet (push a Procfile first)" : prefix + String.join(" ", all));
    }
}
