/**
 * Usage records fed from the running platform: {@link dev.ferry.server.usage.TrafficMeter} (router traffic),
 * {@link dev.ferry.server.usage.InstanceLifetimes} (instance seconds), {@link dev.ferry.server.usage.AppTrafficMetrics}
 * (per-app series in {@code /metrics}), started together by {@link dev.ferry.server.usage.UsageRecorder}.
 */
package dev.ferry.server.usage;
