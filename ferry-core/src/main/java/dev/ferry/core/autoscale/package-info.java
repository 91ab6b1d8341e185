/**
 * Autoscaling of an app's {@code web} process by its p95 response time ({@code ps:autoscale}): the rule
 * ({@link dev.ferry.core.autoscale.AutoscaleRule}), the store's port ({@link dev.ferry.core.autoscale.AutoscaleStore})
 * and the router's latency as the autoscaler reads it ({@link dev.ferry.core.autoscale.LatencySource}).
 */
package dev.ferry.core.autoscale;
