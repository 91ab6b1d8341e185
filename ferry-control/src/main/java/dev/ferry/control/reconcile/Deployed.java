package dev.ferry.control.reconcile;

import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.store.Release;
import java.util.Objects;
import java.util.Optional;

/**
 * What came of a release: the release with its final status, what the runtime said, and the release that
 * serves afterwards (the new one on success, the previous one when the deploy failed, empty when none runs).
 */
public record Deployed(Release release, DeployResult result, Optional<Release> serving) {

    public Deployed {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(serving, "serving");
    }

    /** True when the release serves (or had nothing to run). */
    public boolean succeeded() {
        return result.succeeded();
    }

    /**
     * One sentence for the person who caused it: {@code Deploy failed: <reason>; v3 keeps running}, or
     * {@code v4 is running} on success.
     */
    public String outcome() {
        if (result.succeeded()) {
            return release.label() + " is running";
        }
        return "Deploy failed: " + result.reason()
                + serving.map(r -> "; " + r.label() + " keeps running").orElse("; no release is running");
    }
}
