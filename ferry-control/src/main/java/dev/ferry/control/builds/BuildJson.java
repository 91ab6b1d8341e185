package dev.ferry.control.builds;

import dev.ferry.core.api.BuildInfo;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A build as the API shows it, a {@link BuildInfo}: users by e-mail address, times ISO-8601 UTC. One per request (it
 * caches user look-ups).
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

    BuildInfo build(Build b) {
        Integer release = b.releaseVersion().orElse(null);
        String releaseStatus = release == null || releases == null ? null : releases.release(b.app(), release)
                .map(r -> r.status().name().toLowerCase(Locale.ROOT)).orElse(null);
        Double seconds = b.startedAt().isPresent() && b.finishedAt().isPresent()
                ? Duration.between(b.startedAt().get(), b.finishedAt().get()).toMillis() / 1000.0 : null;
        return new BuildInfo(b.id().toString(), b.app().value(), b.status().name().toLowerCase(Locale.ROOT), b.commit(),
                b.branch(), b.buildpack().orElse(null), release, releaseStatus, b.failure().orElse(null),
                emails.computeIfAbsent(b.createdBy(), i -> accounts.user(i).map(User::email).orElse("user " + i)),
                b.createdAt().toString(), time(b.startedAt()), time(b.finishedAt()), seconds);
    }

    private static String time(Optional<Instant> at) {
        return at.map(Instant::toString).orElse(null);
    }
}
