package dev.ferry.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import java.io.PrintWriter;

/** Reports the release a config change made: its label, and a failure when its deploy failed. */
final class Releases {

    private Releases() {
    }

    /**
     * Prints {@code <what>: v5}; when the newest release failed to deploy, prints the same line and fails with its
     * reason (the config vars are set, but the previous release keeps running).
     */
    static void report(ApiClient api, String app, String what, PrintWriter out) {
        JsonNode releases = api.get(ApiCommand.appPath(app, "/releases?limit=1")).body();
        if (!releases.isArray() || releases.isEmpty()) {
            out.println(what + ": no release");
            return;
        }
        JsonNode newest = releases.get(0);
        String label = "v" + newest.path("version").asInt();
        out.println(what + ": " + label);
        if ("failed".equals(newest.path("status").asText())) {
            out.flush();
            throw new CliFailure(label + " failed to deploy: " + newest.path("failure").asText("see ferry releases")
                    + "; the previous release keeps running");
        }
    }
}
