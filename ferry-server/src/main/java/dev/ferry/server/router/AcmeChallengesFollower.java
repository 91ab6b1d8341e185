package dev.ferry.server.router;

import dev.ferry.core.route.AcmeChallengeRelay;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the ACME HTTP-01 challenges a {@code ferry router} answers current from the fleet's registry
 * ({@link AcmeChallengeRelay}), handed to the router (or, with HTTPS on, to its {@link RegistryTlsSource}, which the
 * HTTPS listener reads them from): read at start, again on each change the registry announces, and every
 * {@link #RELOAD} as a safety net (a change announced while the subscription was down). A failed read keeps the last
 * challenges; reads run on a thread of their own, never on an event loop.
 */
final class AcmeChallengesFollower implements AutoCloseable {

    /** The safety-net reload interval. */
    static final Duration RELOAD = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(AcmeChallengesFollower.class);

    private final AcmeChallengeRelay relay;
    private final Consumer<Map<String, String>> answer;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-acme-challenges");
        t.setDaemon(true);
        return t;
    });

    AcmeChallengesFollower(AcmeChallengeRelay relay, Consumer<Map<String, String>> answer) {
        this.relay = relay;
        this.answer = answer;
    }

    /** Reads now and every {@link #RELOAD}, and subscribes (retrying at each reload while the registry is down). */
    AcmeChallengesFollower start() {
        thread.scheduleWithFixedDelay(new Runnable() {
            private boolean subscribed;

            @Override
            public void run() {
                if (!subscribed) {
                    try {
                        relay.onChange(() -> thread.execute(AcmeChallengesFollower.this::reload));
                        subscribed = true;
                    } catch (RuntimeException e) {
                        log.warn("ACME challenges: cannot subscribe to the registry now: {}", e.getMessage());
                    }
                }
                reload();
            }
        }, 0, RELOAD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void reload() {
        try {
            answer.accept(relay.answers());
        } catch (RuntimeException e) {
            log.warn("ACME challenges: cannot read them from the registry, answering the last ones: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        relay.close();
    }
}
