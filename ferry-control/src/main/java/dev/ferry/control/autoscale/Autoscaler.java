package dev.ferry.control.autoscale;

import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.autoscale.AutoscaleDecision;
import dev.ferry.core.autoscale.AutoscaleRule;
import dev.ferry.core.autoscale.AutoscaleSetting;
import dev.ferry.core.autoscale.AutoscaleStore;
import dev.ferry.core.autoscale.LatencySource;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.ReleaseStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link AutoscaleConfig#interval} (15 s), looks at each app whose {@code web} is autoscaled and applies what
 * the {@link AutoscalePolicy} decides: the store sets the formation and keeps the decision with its event in one
 * transaction ({@link AutoscaleStore#autoscaled}, only if nothing changed the quantity meanwhile), the app's log
 * stream gets a {@code ferry[autoscale]} line with the reason, and the formation runs through
 * {@link Deployments#scaled}, as {@code ps:scale}'s does. The last change is read from the store (the newest decision,
 * or when the rule was set), so a restart of Ferry keeps the cool-downs.
 *
 * <p>On a fleet it decides only while its {@code leads} says so (the reconciler's leader).
 *
 * <p>Threading: one timer thread looks at the apps; each formation is handed to the reconciler on a virtual thread
 * of its own, so a slow start of one app's instance never delays another's decision.
 */
public final class Autoscaler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Autoscaler.class);

    private final AutoscaleStore store;
    private final ReleaseStore formations;
    private final Deployments deployments;
    private final AppLogs logs;
    private final AutoscalePolicy policy;
    private final AutoscaleConfig config;
    private final Clock clock;
    private final BooleanSupplier leads;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ferry-autoscaler").factory());
    private final ExecutorService scales = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ferry-autoscale-", 1).factory());

    public Autoscaler(AutoscaleStore store, ReleaseStore formations, Deployments deployments, AppLogs logs,
                      LatencySource latency, AutoscaleConfig config, Clock clock) {
        this(store, formations, deployments, logs, latency, config, clock, () -> true);
    }

    /**
     * @param leads whether this node decides now: on a fleet, only the control node whose reconciler leads, so that
     *              one node decides for each app (the store's conditional write also refuses a second decision on a
     *              quantity that changed meanwhile)
     */
    public Autoscaler(AutoscaleStore store, ReleaseStore formations, Deployments deployments, AppLogs logs,
                      LatencySource latency, AutoscaleConfig config, Clock clock, BooleanSupplier leads) {
        this.leads = Objects.requireNonNull(leads, "leads");
        this.store = Objects.requireNonNull(store, "store");
        this.formations = Objects.requireNonNull(formations, "formations");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.policy = new AutoscalePolicy(config, latency);
        this.config = config;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Looks at the apps every interval until {@link #close}. */
    public Autoscaler start() {
        long period = config.interval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Looks at every autoscaled app once, when this node leads; answers the decisions applied. */
    public List<AutoscaleDecision> tick() {
        List<AutoscaleDecision> applied = new ArrayList<>();
        if (!leads.getAsBoolean()) {
            return applied;
        }
        try {
            for (AutoscaleSetting setting : store.autoscaledApps()) {
                try {
                    decide(setting).ifPresent(applied::add);
                } catch (RuntimeException e) {
                    log.warn("autoscaling {}: {}", setting.app(), e.toString());
                }
            }
        } catch (RuntimeException e) {
            log.warn("cannot read the autoscaled apps: {}", e.toString());
        }
        return applied;
    }

    private Optional<AutoscaleDecision> decide(AutoscaleSetting setting) {
        int quantity = formations.formation(setting.app()).quantity(AutoscaleRule.WEB);
        Instant lastChange = store.autoscaleDecisions(setting.app()).stream().findFirst()
                .map(AutoscaleDecision::at).filter(at -> at.isAfter(setting.since())).orElse(setting.since());
        Optional<AutoscaleDecision> decision = policy.decide(setting, quantity, lastChange, clock.instant());
        if (decision.isEmpty()) {
            return Optional.empty();
        }
        Optional<Formation> formation = store.autoscaled(setting.app(), decision.get());
        if (formation.isEmpty()) {
            return Optional.empty(); // turned off or scaled by hand since it was read
        }
        log.info("{}: {}", setting.app(), decision.get().reason());
        logs.append(new LogLine(clock.instant(), setting.app(), LogLine.FERRY, "autoscale", decision.get().reason()));
        scales.execute(() -> {
            try {
                deployments.scaled(formation.get());
            } catch (RuntimeException e) {
                log.warn("the runtime could not scale {} (the next reconcile retries): {}", setting.app(), e.toString());
            }
        });
        return decision;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        scales.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
