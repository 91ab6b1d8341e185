package dev.ferry.core.autoscale;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.UserId;
import java.util.List;
import java.util.Optional;

/**
 * The store's port for autoscaling: each app's rule, and the decisions the autoscaler made. Each method is one
 * transaction and each change records its {@link dev.ferry.core.store.Event}, like every port of
 * {@link dev.ferry.core.store.Store}; a setting goes with its app ({@code apps:destroy}) and follows a rename.
 * Safe for use by many threads.
 */
public interface AutoscaleStore {

    /** How many decisions are kept per app; older ones are deleted as new ones come. */
    int KEPT_DECISIONS = 20;

    /**
     * The app's setting, empty when autoscaling is off.
     *
     * @throws dev.ferry.core.store.AppNotFound when there is no such app
     */
    Optional<AutoscaleSetting> autoscaling(AppName app);

    /** Every app whose web process is autoscaled. */
    List<AutoscaleSetting> autoscaledApps();

    /**
     * Turns autoscaling on, or replaces the rule, recording {@code autoscale.enable} ({@code Autoscale web 1..5,
     * p95 goal 500 ms}).
     *
     * @throws dev.ferry.core.store.AppNotFound when there is no such app
     */
    AutoscaleSetting enableAutoscaling(AppName app, AutoscaleRule rule, UserId by);

    /**
     * Turns autoscaling off, recording {@code autoscale.disable} with {@code why}; false (and no event) when it was
     * off already.
     *
     * @throws dev.ferry.core.store.AppNotFound when there is no such app
     */
    boolean disableAutoscaling(AppName app, String why, UserId by);

    /**
     * Applies a decision of the autoscaler: sets {@code web} to {@code decision.to()}, keeps the decision and records
     * {@code formation.autoscale} with its reason (the platform as actor), all in one transaction, but only while
     * autoscaling is still on and {@code web} is still {@code decision.from()}; otherwise changes nothing.
     *
     * @return the new formation, empty when nothing changed
     */
    Optional<Formation> autoscaled(AppName app, AutoscaleDecision decision);

    /**
     * The app's last decisions, newest first, at most {@value #KEPT_DECISIONS}.
     *
     * @throws dev.ferry.core.store.AppNotFound when there is no such app
     */
    List<AutoscaleDecision> autoscaleDecisions(AppName app);
}
