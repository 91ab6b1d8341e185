package dev.ferry.cli.addons;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.GitRemote;
import dev.ferry.core.api.AddonInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry addons [-a APP] [--json]}: an app's add-ons, or, with no app given or inferred, all of the user's. */
@Command(name = "addons", mixinStandardHelpOptions = true,
        description = {"List an app's add-ons (databases, Redis), or all of yours when no app is given or inferred."})
public final class AddonsCommand extends ApiCommand {

    @Option(names = {"-a", "--app"}, paramLabel = "APP",
            description = "The app; default: the app of the 'ferry' git remote, else every app of yours.")
    String app;

    @Option(names = "--all", description = "Every add-on of every app of yours, even inside an app's repository.")
    boolean all;

    @Option(names = "--json", description = "Print the API's JSON array: [{\"name\",\"service\",\"plan\",\"app\","
            + "\"attachments\":[{\"app\",\"configVar\"}]…}].")
    boolean json;

    public AddonsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        Optional<String> name = all ? Optional.empty()
                : Optional.ofNullable(app).filter(a -> !a.isBlank()).map(String::strip)
                        .or(() -> GitRemote.app(env.workingDir()));
        Read<AddonInfo[]> addons = api.typed(() -> name.isPresent() ? api.addons().list(name.get())
                : api.addons().listAll());
        if (json) {
            printJson(out, addons.json());
            return;
        }
        if (addons.value().length == 0) {
            out.println(name.map(n -> n + " has no add-ons (create one with: ferry addons:create postgres -a " + n + ")")
                    .orElse("You have no add-ons (create one with: ferry addons:create postgres -a APP)"));
            return;
        }
        AddonTable.print(out, List.of(addons.value()), env.colour());
    }
}
