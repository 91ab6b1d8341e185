package dev.ferry.core.runtime;

import java.util.Objects;

/**
 * What came of {@link AppRuntime#apply}: the desired state runs, or the rollout was abandoned and the old one keeps
 * serving.
 *
 * @param reason empty on success; else a sentence for the person who deployed, e.g.
 *     {@code web.1 did not answer GET / within 60 s}
 */
public record DeployResult(boolean succeeded, String reason) {

    public DeployResult {
        Objects.requireNonNull(reason, "reason");
    }

    public static DeployResult success() {
        return new DeployResult(true, "");
    }

    public static DeployResult failure(String reason) {
        return new DeployResult(false, reason);
    }
}
