package dev.ferry.control.apps;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.EventStore;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.ReleaseStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why releases failed, read from the app's recent {@link EventAction#RELEASE_STATUS} events written by
 * {@link ReleaseStore#failRelease} ({@code Mark v4 failed: <reason>}). Only the newest {@value #SCAN} events are read,
 * and only when the page of releases holds a failed one.
 */
final class ReleaseFailures {

    private static final int SCAN = Page.MAX_LIMIT;

    private final Map<Integer, String> reasons;

    private ReleaseFailures(Map<Integer, String> reasons) {
        this.reasons = reasons;
    }

    static ReleaseFailures of(EventStore events, AppName app, List<Release> releases) {
        Map<Integer, String> reasons = new HashMap<>();
        if (releases.stream().anyMatch(r -> r.status() == ReleaseStatus.FAILED)) {
            for (Event e : events.events(app, Page.first(SCAN)).items()) {
                if (e.action() == EventAction.RELEASE_STATUS) {
                    parse(e.detail(), reasons);
                }
            }
        }
        return new ReleaseFailures(reasons);
    }

    private static void parse(String detail, Map<Integer, String> into) {
        String marker = " failed: ";
        int at = detail.indexOf(marker);
        if (!detail.startsWith("Mark v") || at < 0) {
            return;
        }
        try {
            int version = Integer.parseInt(detail.substring("Mark v".length(), at));
            String reason = detail.substring(at + marker.length());
            if (ReleaseStore.failureDetail(version, reason).equals(detail)) {
                into.putIfAbsent(version, reason); // newest first: a later event wins
            }
        } catch (NumberFormatException e) {
            // another kind of status event
        }
    }

    /** The reason of a failed release, when one was recorded. */
    Optional<String> of(Release r) {
        return r.status() == ReleaseStatus.FAILED ? Optional.ofNullable(reasons.get(r.version())) : Optional.empty();
    }
}
