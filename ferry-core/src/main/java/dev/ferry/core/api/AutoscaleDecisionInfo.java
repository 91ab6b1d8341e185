package dev.ferry.core.api;

/**
 * One change the autoscaler made, in {@link AutoscaleInfo#decisions()}.
 *
 * @param at       when, ISO-8601 in UTC
 * @param from     the {@code web} quantity it found
 * @param to       the quantity it set
 * @param p95Ms    the p95 response time it read, in milliseconds (0 when the change only met the rule's bounds)
 * @param requests the requests that p95 was read from
 * @param reason   as in the log stream: {@code autoscale: web 1→2, p95 812 ms > 500 ms}
 */
public record AutoscaleDecisionInfo(String at, int from, int to, long p95Ms, long requests, String reason) {
}
