package dev.ferry.kubernetes.runtime;

import dev.ferry.core.build.SlugTokens;
import dev.ferry.core.store.AppName;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the slug token of each app's running release valid: a token lives {@code slugTokenLifetime} (15 min by
 * default), but Kubernetes may start a pod of a release at any time (a node lost, a scale-up), so every third of
 * that lifetime the token Secret of every release this runtime rolled out is written again with a fresh token. A
 * token that leaks is useful for one release's slug, and not for long.
 */
final class SlugTokenRenewal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlugTokenRenewal.class);

    private final KubernetesClient client;
    private final KubernetesRuntimeConfig config;
    private final SlugTokens tokens;
    private final ReleaseObjects objects;
    private final Clock clock;
    private final Map<AppName, ReleasePlan> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    SlugTokenRenewal(KubernetesClient client, KubernetesRuntimeConfig config, SlugTokens tokens, ReleaseObjects objects,
                     Clock clock) {
        this.client = client;
        this.config = config;
        this.tokens = tokens;
        this.objects = objects;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-slug-tokens");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, config.slugTokenLifetime().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Writes a fresh token for {@code plan} now, and again every third of the lifetime while it runs.
     *
     * @return the release renewed until now, to {@link #putBack} when the rollout to {@code plan} fails
     */
    Optional<ReleasePlan> renew(ReleasePlan plan) {
        write(plan);
        return Optional.ofNullable(running.put(plan.release().app(), plan));
    }

    /** Renews {@code previous} again instead (the rollout away from it failed), or nothing when there was none. */
    void putBack(AppName app, Optional<ReleasePlan> previous) {
        previous.ifPresentOrElse(p -> running.put(app, p), () -> running.remove(app));
    }

    /** The app runs no release any more. */
    void forget(AppName app) {
        running.remove(app);
    }

    private void renewAll() {
        running.values().forEach(plan -> {
            try {
                write(plan);
            } catch (RuntimeException e) {
                log.warn("could not renew the slug token of {} v{}: {}", plan.app(), plan.version(), e.toString());
            }
        });
    }

    private void write(ReleasePlan plan) {
        String token = tokens.issue(plan.release().app(), plan.version(), clock.instant().plus(config.slugTokenLifetime()));
        client.secrets().inNamespace(config.namespaceOf(plan.app())).resource(objects.tokenSecret(plan, token))
                .createOr(NonDeletingOperation::update);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
