package dev.ferry.cli.ps;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.output.Times;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.AutoscaleDecisionInfo;
import dev.ferry.core.api.AutoscaleInfo;
import dev.ferry.core.api.AutoscaleRequest;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry ps:autoscale web --min 1 --max 5 --p95 500ms} turns autoscaling of {@code web} on (or changes its
 * rule), {@code ferry ps:autoscale --off} turns it off, and {@code ferry ps:autoscale} shows the setting and the
 * autoscaler's last decisions ({@code --json}: the API's answer). {@code --p95} is a duration in {@code ms} or
 * {@code s} ({@link P95Goal}).
 */
@Command(name = "ps:autoscale", mixinStandardHelpOptions = true,
        description = {"Scale web by its p95 response time, e.g. ps:autoscale web --min 1 --max 5 --p95 500ms.",
                "One more instance while the p95 stays above the goal, one fewer while it stays below half of it.",
                "--off turns it off; without arguments, show the setting and the last decisions.",
                "A manual ps:scale of web turns autoscaling off."})
public final class PsAutoscaleCommand extends ApiCommand {

    private static final String WEB = "web";

    @Mixin
    AppOption app;

    @Parameters(arity = "0..1", paramLabel = "TYPE", description = "The process type: web, the only one autoscaled.")
    String type;

    @Option(names = "--min", paramLabel = "N", description = "The fewest web instances (at least 1).")
    Integer min;

    @Option(names = "--max", paramLabel = "N", description = "The most web instances (at least --min).")
    Integer max;

    @Option(names = "--p95", paramLabel = "DURATION", description = "The p95 response time to stay under: 500ms, 1.5s.")
    String p95;

    @Option(names = "--off", description = "Turn autoscaling off; web keeps the quantity it has.")
    boolean off;

    @Option(names = "--json", description = "Print the setting and the last decisions as JSON.")
    boolean json;

    public PsAutoscaleCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        boolean ruleGiven = min != null || max != null || p95 != null;
        if (type != null && !type.equals(WEB)) {
            throw new CliFailure("only web is autoscaled, not " + type + ": the router measures the response times of"
                    + " web alone; scale " + type + " with ps:scale " + type + "=N");
        }
        Read<AutoscaleInfo> answer;
        if (off) {
            if (ruleGiven) {
                throw new CliFailure("--off takes no --min, --max or --p95");
            }
            answer = api.typed(() -> api.autoscale().disable(name));
        } else if (ruleGiven || type != null) {
            if (min == null || max == null || p95 == null) {
                throw new CliFailure("ps:autoscale web needs --min, --max and --p95, e.g. ps:autoscale web --min 1"
                        + " --max 5 --p95 500ms");
            }
            AutoscaleRequest rule = new AutoscaleRequest(WEB, min, max, P95Goal.parseMillis(p95));
            answer = api.typed(() -> api.autoscale().enable(name, rule));
        } else {
            answer = api.typed(() -> api.autoscale().get(name));
        }
        if (json) {
            printJson(out, answer.json());
        } else {
            print(out, answer.value());
        }
    }

    private void print(PrintWriter out, AutoscaleInfo info) {
        Times times = Times.of(env.terminal());
        if (info.enabled()) {
            out.println("Autoscaling " + info.app() + ": web " + info.min() + ".." + info.max() + ", p95 goal "
                    + info.p95Ms() + " ms (since " + times.format(info.since()) + "); web runs " + info.quantity());
        } else {
            out.println("Autoscaling of " + info.app() + " is off; web runs " + info.quantity());
        }
        if (!info.decisions().isEmpty()) {
            out.println("Last decisions:");
            for (AutoscaleDecisionInfo d : info.decisions()) {
                out.println("  " + times.format(d.at()) + "  " + d.reason());
            }
        }
    }
}
