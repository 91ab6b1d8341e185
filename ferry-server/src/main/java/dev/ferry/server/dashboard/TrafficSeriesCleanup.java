package dev.ferry.server.dashboard;

import dev.ferry.core.runtime.ResourceSeries;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.traffic.TrafficSeries;
import java.util.Objects;

/**
 * The traffic and resource series' part of destroying and renaming an app: a destroyed app's minutes are dropped, so that a new
 * app of the same name (perhaps another user's) never shows them; a renamed app's follow its new name.
 */
final class TrafficSeriesCleanup implements AppDataCleanup {

    private final TrafficSeries series;
    private final ResourceSeries resources;

    TrafficSeriesCleanup(TrafficSeries series, ResourceSeries resources) {
        this.series = Objects.requireNonNull(series, "series");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    @Override
    public void removeDataOf(DestroyedApp destroyed) {
        series.forget(destroyed.app().name());
        resources.forget(destroyed.app().name());
    }

    @Override
    public void moveDataOf(AppName from, AppName to) {
        series.rename(from, to);
        resources.rename(from, to);
    }
}
