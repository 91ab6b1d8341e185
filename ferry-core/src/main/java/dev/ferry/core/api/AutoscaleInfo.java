package dev.ferry.core.api;

import java.util.List;

/**
 * {@code GET|PUT|DELETE /api/apps/{app}/autoscale}: the app's autoscaling setting and the autoscaler's last
 * decisions, newest first (kept also after it is turned off).
 *
 * @param app         the app
 * @param enabled     whether {@code web} is autoscaled now
 * @param processType {@code web}
 * @param min         the fewest instances; null when off
 * @param max         the most instances; null when off
 * @param p95Ms       the p95 goal in milliseconds; null when off
 * @param since       when the rule was set, ISO-8601 in UTC; null when off
 * @param quantity    the {@code web} quantity of the formation now
 * @param decisions   the last decisions, newest first
 */
public record AutoscaleInfo(String app, boolean enabled, String processType, Integer min, Integer max, Long p95Ms,
                            String since, int quantity, List<AutoscaleDecisionInfo> decisions) {

    public AutoscaleInfo {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }
}
