package dev.ferry.cli.config;

import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.core.api.ReleaseInfo;
import java.io.PrintWriter;
import java.util.List;

/** Reports the release a config change made: its label, and a failure when its deploy failed. */
final class Releases {

    private Releases() {
    }

    /**
     * Prints {@code <what>: v5}; when the newest release failed to deploy, prints the same line and fails with its
     * reason (the config vars are set, but the previous release keeps running).
     */
    static void report(ApiClient api, String app, String what, PrintWriter out) {
        List<ReleaseInfo> releases = api.typed(() -> api.releases().list(app, 1));
        if (releases.isEmpty()) {
            out.println(what + ": no release");
            return;
        }
        ReleaseInfo newest = releases.getFirst();
        out.println(what + ": " + newest.label());
        if ("failed".equals(newest.status())) {
            out.flush();
            throw new CliFailure(newest.label() + " failed to deploy: "
                    + (newest.failure() != null ? newest.failure() : "see ferry releases") + "; the previous release keeps running");
        }
    }
}
