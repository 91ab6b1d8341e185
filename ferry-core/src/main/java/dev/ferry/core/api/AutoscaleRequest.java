package dev.ferry.core.api;

/**
 * {@code PUT /api/apps/{app}/autoscale} ({@code ferry ps:autoscale web --min 1 --max 5 --p95 500ms}): turns
 * autoscaling of {@code web} on, or changes its rule.
 *
 * @param processType the process type; only {@code web} is autoscaled (default {@code web})
 * @param min         the fewest instances, at least 1 (required)
 * @param max         the most instances, at least {@code min} (required)
 * @param p95Ms       the p95 response time to stay under, in milliseconds, 10 to 60000 (required)
 */
public record AutoscaleRequest(String processType, Integer min, Integer max, Long p95Ms) {
}
