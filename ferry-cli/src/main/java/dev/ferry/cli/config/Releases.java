package dev.ferry.cli.config;

import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;

/** Reads the label of an app's newest release, to report which release a change made. */
final class Releases {

    private Releases() {
    }

    static String newest(ApiClient api, String app) {
        var releases = api.get(ApiCommand.appPath(app, "/releases?limit=1")).body();
        return releases.isArray() && !releases.isEmpty() ? "v" + releases.get(0).path("version").asInt() : "no release";
    }
}
