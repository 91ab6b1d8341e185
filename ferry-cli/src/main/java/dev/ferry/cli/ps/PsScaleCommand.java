package dev.ferry.cli.ps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.PrintWriter;
import java.util.ArrayList;
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
        JsonNode current = parsed.isEmpty() || relative ? api.get(appPath(name, "/formation")).body() : null;
        if (parsed.isEmpty()) {
            print(out, json, name, "Formation of " + name + ": ", current);
            return;
        }
        ObjectNode body = ApiClient.object();
        for (ScaleChange change : parsed) {
            body.put(change.type(), change.applyTo(current == null ? 0 : current.path(change.type()).asInt(0)));
        }
        JsonNode formation = api.sendAwaitingDeploy("PATCH", appPath(name, "/formation"), body).body();
        print(out, json, name, "Scaled " + name + " to ", formation);
    }

    private void print(PrintWriter out, boolean asJson, String name, String prefix, JsonNode formation) {
        if (asJson) {
            printJson(out, formation);
            return;
        }
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : formation.properties()) {
            if (!e.getKey().equals("release")) { // the release phase runs once per release; it is not scaled
                all.add(e.getKey() + "=" + e.getValue().asInt());
            }
        }
        out.println(all.isEmpty() ? name + " has no process types yet (push a Procfile first)" : prefix + String.join(" ", all));
    }
}
