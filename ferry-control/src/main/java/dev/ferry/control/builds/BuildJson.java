package dev.ferry.control.builds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.json.Json;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The wire form of a build: {@code {"id":"b-3","app","status":"succeeded","commit","branch","buildpack",
 * "release","releaseStatus","failure","createdBy","createdAt","startedAt","finishedAt","durationSeconds"}}, where
 * {@code releaseStatus} is that of the release the build made ({@code pending}, {@code succeeded}, {@code failed}:
 * a build can succeed and its release fail to deploy); absent values are JSON null, times ISO-8601 UTC, users by
 * e-mail address. One per request (it caches user look-ups).
 */
final class BuildJson {

    private final AccountStore accounts;
    private final ReleaseStore releases;
    private final Map<UserId, String> emails = new HashMap<>();

    /** @param releases where release statuses are read; {@code null} leaves {@code releaseStatus} out */
    BuildJson(AccountStore accounts, ReleaseStore releases) {
        this.accounts = accounts;
        this.releases = releases;
    }

    ObjectNode build(Build b) {
        ObjectNode n = Json.object();
        n.put("id", b.id().toString());
        n.put("app", b.app().value());
        n.put("status", b.status().name().toLowerCase(Locale.ROOT));
        n.put("commit", b.commit());
        n.put("branch", b.branch());
        putText(n, "buildpack", b.buildpack().orElse(null));
        if (b.releaseVersion().isPresent()) {
            n.put("release", b.releaseVersion().get());
            if (releases != null) {
                putText(n, "releaseStatus", releases.release(b.app(), b.releaseVersion().get())
                        .map(r -> r.status().name().toLowerCase(Locale.ROOT)).orElse(null));
            }
        } else {
            n.putNull("release");
        }
        putText(n, "failure", b.failure().orElse(null));
        n.put("createdBy", emails.computeIfAbsent(b.createdBy(), i -> accounts.user(i).map(User::email).orElse("user " + i)));
        n.put("createdAt", b.createdAt().toString());
        Json.putTime(n, "startedAt", b.startedAt());
        Json.putTime(n, "finishedAt", b.finishedAt());
        if (b.startedAt().isPresent() && b.finishedAt().isPresent()) {
            n.put("durationSeconds", Duration.between(b.startedAt().get(), b.finishedAt().get()).toMillis() / 1000.0);
        } else {
            n.putNull("durationSeconds");
        }
        return n;
    }

    private static void putText(ObjectNode n, String field, String value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }
}
