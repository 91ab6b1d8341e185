/**
 * The router's Micrometer meters, all registered by {@link dev.ferry.router.metrics.RouterMetrics}.
 */
package dev.ferry.router.metrics;
